package ion.core.app;

/**
 * The entry class of an application, named in its {@code .app} file. One instance per started application; it
 * needs a public no-argument constructor.
 */
public interface Application {
    /**
     * Starts the application; returns once it runs.
     *
     * @throws RuntimeException to refuse the start; the app manager then stops what it started in the same call
     */
    void start(AppContext context);

    /** Stops the application and everything it started. */
    void stop(AppContext context);
}
