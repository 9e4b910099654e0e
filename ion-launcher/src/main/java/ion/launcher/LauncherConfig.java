package ion.launcher;

import ion.core.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds the container configuration from the files under the ioncore home and the command line. */
final class LauncherConfig {
    private LauncherConfig() {
    }

    /** The folder holding {@code res/}: {@code $ION_HOME}, else the working directory. */
    static Path home() {
        String env = System.getenv("ION_HOME");
        return Path.of(env == null || env.isBlank() ? "." : env).toAbsolutePath().normalize();
    }

    /**
     * Defaults, then the local file ({@code --config FILE}, else {@code res/config/ionlocal.yaml} if present),
     * then the {@code -a} arguments, then the broker options; any of {@code -h}, {@code -p}, {@code -v} selects
     * the AMQP transport (host from the configuration when only port or vhost is given).
     *
     * @throws ion.core.config.ConfigException naming the source and key of any bad setting
     */
    static Config build(Path home, Optional<Path> configFile, List<String> aArgs, BrokerOptions broker) {
        Config.Builder b = Config.builder().defaults();
        if (configFile.isPresent()) {
            b.localFile(configFile.get());
        } else {
            b.optionalLocalFile(home.resolve(Config.DEFAULT_LOCAL_FILE));
        }
        aArgs.forEach(b::args);
        if (broker.host().isPresent() || broker.port().isPresent() || broker.vhost().isPresent()) {
            b.set("messaging.transport", "amqp");
        }
        broker.host().ifPresent(h -> b.set("messaging.broker.host", h));
        broker.port().ifPresent(p -> b.set("messaging.broker.port", (long) p));
        broker.vhost().ifPresent(v -> b.set("messaging.broker.vhost", v));
        return b.build();
    }

    /** Broker settings given on the command line. */
    record BrokerOptions(Optional<String> host, Optional<Integer> port, Optional<String> vhost) {
        static BrokerOptions none() {
            return new BrokerOptions(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
