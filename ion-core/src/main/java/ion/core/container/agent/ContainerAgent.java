package ion.core.container.agent;

import ion.core.container.Container;
import ion.core.event.EventPublisher;
import ion.core.event.EventType;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Scope;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessInfo;
import ion.core.process.ProcessState;
import ion.core.process.ProcessType;
import ion.core.process.ReceiverKind;
import ion.core.process.SpawnOptions;
import ion.core.service.ServiceProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container agent: the process through which the containers of one system know of each other and through
 * which a container is managed from outside. A container configured with an agent spawns it first, as process 1
 * named {@value #AGENT_NAME}, and terminates it last.
 *
 * <p><b>Announcements.</b> The agent listens on the system's fanout name {@code <sysname>.cc_announce}. On
 * activation it broadcasts an {@value #OP_ANNOUNCE} message with {@code event} {@value #EVENT_UP}, then one with
 * {@value #EVENT_HEARTBEAT} every heartbeat interval, and {@value #EVENT_DOWN} when the container closes. The
 * content is a map: {@code container-id}, {@code agent} (this process's id), {@code host}, {@code sysname},
 * {@code version}, {@code start-time} and {@code current-time} (ms since the epoch), {@code event}. An agent
 * answers the {@code up} or {@code identify} announcement of another with an announcement of its own, so that a
 * new container learns of the others at once.
 *
 * <p><b>Peers.</b> Every other container heard from is kept in a peer table with the time it was last heard of
 * ({@link #peers()}). A peer silent for longer than the peer timeout, or one announcing {@code down}, is dropped.
 * A new peer and a dropped peer each produce a container life-cycle event
 * ({@link EventType#CONTAINER_LIFECYCLE}, 1051) on the system's events exchange point, with the peer's container
 * id as origin and the payload {@code state} ({@value #STATE_UP} or {@value #STATE_DOWN}), {@code reason},
 * {@code host}, {@code agent} (the peer's agent), {@code last-seen} (ms) and {@code reported-by} (this container's
 * id), so every agent that notices a change reports it; and a call to each
 * {@linkplain #addPeerListener peer listener}.
 *
 * <p><b>Operations</b>, on the local worker name {@code <container-id>.agent} (and the agent's own queue):
 * <ul>
 * <li>{@code identify}: replies with this container's announcement and broadcasts it, so that every peer
 * answers with its own and all peer tables are refreshed at once;</li>
 * <li>{@code ping}: replies {@code {reply: pong, container-id}};</li>
 * <li>{@code spawn}: content {@code {type, args?, name?}}, or just the type name as text; spawns a registered
 * process type in this container and replies {@code {process-id}}; an unknown type gets an ERROR reply naming
 * the known ones;</li>
 * <li>{@code get_info}: replies {@code container-id}, {@code sysname}, {@code uptime-ms}, {@code transport},
 * {@code processes} (each {@code id}, {@code name}, {@code type}, {@code state}), {@code services} (the names
 * served by live service processes), {@code memory} ({@code heap-used}, {@code heap-max}, bytes) and
 * {@code peers} (each {@code container-id}, {@code agent}, {@code host}, {@code first-seen},
 * {@code last-seen}).</li>
 * </ul>
 * Handlers return quickly; {@code spawn} takes as long as the spawned process's start hooks.
 */
public final class ContainerAgent extends Process {
    /** The short name of the system fanout name agents announce themselves on. */
    public static final String ANNOUNCE_NAME = "cc_announce";
    /** The short name of the local worker name the agent serves on, and the agent's process name. */
    public static final String AGENT_NAME = "agent";
    /** The op of announcements. */
    public static final String OP_ANNOUNCE = "announce";
    /** The {@code state} in the payload of the container life-cycle event published when a peer appears. */
    public static final String STATE_UP = "UP";
    /** The {@code state} in the payload of the container life-cycle event published when a peer is dropped. */
    public static final String STATE_DOWN = "DOWN";
    /** Announcement event: the container has just started. */
    public static final String EVENT_UP = "up";
    /** Announcement event: the container is still alive. */
    public static final String EVENT_HEARTBEAT = "heartbeat";
    /** Announcement event: someone asked for identification; every peer answers with an announcement. */
    public static final String EVENT_IDENTIFY = "identify";
    /** Announcement event: the container is closing. */
    public static final String EVENT_DOWN = "down";
    /** Drop reason: the peer was silent for longer than the peer timeout. */
    public static final String REASON_TIMEOUT = "timeout";
    /** Drop reason: the peer announced that it goes down. */
    public static final String REASON_ANNOUNCED_DOWN = "announced-down";

    private static final Logger LOG = LoggerFactory.getLogger(ContainerAgent.class);

    private final Container container;
    private final AgentSettings settings;
    private final ReentrantLock peersLock = new ReentrantLock();
    /** Held from a change of the peer table to the end of its event, so that events go out in change order. */
    private final ReentrantLock changeLock = new ReentrantLock();
    private final Map<String, PeerInfo> peerTable = new HashMap<>();
    private final ReentrantLock announceLock = new ReentrantLock();
    private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean heartbeatRunning = new AtomicBoolean();
    private final AtomicBoolean sweepRunning = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean sendFailureLogged = new AtomicBoolean();
    private boolean leaving;
    private volatile String announceTarget;
    private volatile EventPublisher events;

    /**
     * An agent for a container; the container spawns it when its options ask for one.
     *
     * @param container the container the agent lives in and reports on
     * @param settings heartbeat interval and peer timeout
     */
    public ContainerAgent(Container container, AgentSettings settings) {
        this.container = Objects.requireNonNull(container, "container");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The heartbeat interval and peer timeout. */
    public AgentSettings settings() {
        return settings;
    }

    /** The peers currently known, sorted by container id. */
    public List<PeerInfo> peers() {
        peersLock.lock();
        try {
            List<PeerInfo> list = new ArrayList<>(peerTable.values());
            list.sort(Comparator.comparing(PeerInfo::containerId));
            return list;
        } finally {
            peersLock.unlock();
        }
    }

    /** The peer with this container id, if currently known. */
    public Optional<PeerInfo> peer(String containerId) {
        peersLock.lock();
        try {
            return Optional.ofNullable(peerTable.get(containerId));
        } finally {
            peersLock.unlock();
        }
    }

    /** Registers a listener told of every peer that comes up or goes down from now on. */
    public void addPeerListener(PeerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener; no effect if it was not registered. */
    public void removePeerListener(PeerListener listener) {
        listeners.remove(listener);
    }

    /**
     * Announces that this container goes down, so that its peers drop it at once, then terminates the agent. The
     * container calls it when it closes, after its other processes were terminated. Does nothing if the agent
     * is already terminated.
     */
    public void leave() {
        if (state() == ProcessState.TERMINATED) {
            return;
        }
        stopTimers();
        announceLock.lock();
        try {
            if (!leaving) {
                leaving = true;
                if (state() == ProcessState.ACTIVE) {
                    broadcast(EVENT_DOWN);
                }
            }
        } finally {
            announceLock.unlock();
        }
        terminate();
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    protected void onInit() {
        announceTarget = addReceiver(ReceiverKind.FANOUT, ANNOUNCE_NAME, Scope.SYSTEM);
        addReceiver(ReceiverKind.WORKER, AGENT_NAME, Scope.LOCAL);
        events = EventPublisher.of(this);
    }

    @Override
    protected void onActivate() {
        announceLock.lock();
        try {
            broadcast(EVENT_UP);
        } finally {
            announceLock.unlock();
        }
        long beat = settings.heartbeatInterval().toNanos();
        long sweep = settings.sweepInterval().toNanos();
        timers.add(container.processes().timer().scheduleAtFixedRate(
                () -> offTimer(heartbeatRunning, this::heartbeat), beat, beat, TimeUnit.NANOSECONDS));
        timers.add(container.processes().timer().scheduleAtFixedRate(
                () -> offTimer(sweepRunning, this::sweep), sweep, sweep, TimeUnit.NANOSECONDS));
    }

    @Override
    protected void onTerminate() {
        stopTimers();
    }

    private void stopTimers() {
        for (ScheduledFuture<?> t : timers) {
            t.cancel(false);
        }
    }

    /**
     * Runs periodic work on a virtual thread, keeping the shared timer free; skips a round while the previous one
     * still runs (a publish waiting for the broker, say).
     */
    private void offTimer(AtomicBoolean running, Runnable work) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("ion-agent-" + containerId()).start(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("container agent {}: periodic work failed", id(), e);
            } finally {
                running.set(false);
            }
        });
    }

    private void heartbeat() {
        announceLock.lock();
        try {
            if (!leaving && state() == ProcessState.ACTIVE) {
                broadcast(EVENT_HEARTBEAT);
            }
        } finally {
            announceLock.unlock();
        }
    }

    /** Drops the peers silent for longer than the peer timeout. */
    private void sweep() {
        changeLock.lock();
        try {
            Instant limit = Instant.now().minus(settings.peerTimeout());
            List<PeerInfo> dropped = new ArrayList<>();
            peersLock.lock();
            try {
                peerTable.values().removeIf(p -> {
                    if (p.lastSeen().isBefore(limit)) {
                        dropped.add(p);
                        return true;
                    }
                    return false;
                });
            } finally {
                peersLock.unlock();
            }
            for (PeerInfo p : dropped) {
                LOG.info("container agent {}: peer {} silent for more than {}; dropped", id(), p.containerId(),
                        settings.peerTimeout());
                publish(new PeerEvent(PeerEvent.Kind.DOWN, p, REASON_TIMEOUT));
            }
        } finally {
            changeLock.unlock();
        }
    }

    // ------------------------------------------------------------------ announcements

    /** This container's announcement with the given event. */
    private Map<String, Object> announcement(String event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("container-id", containerId());
        m.put(AGENT_NAME, id().toString());
        m.put("host", container.host());
        m.put("sysname", sysname());
        m.put("version", version());
        m.put("start-time", container.startTime().toEpochMilli());
        m.put("current-time", System.currentTimeMillis());
        m.put("event", event);
        return m;
    }

    private static String version() {
        String v = ContainerAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Sends an announcement to every agent of the system; a broker failure is logged, not thrown. */
    private void broadcast(String event) {
        try {
            send(announceTarget, OP_ANNOUNCE, announcement(event));
            if (sendFailureLogged.compareAndSet(true, false)) {
                LOG.info("container agent {}: announcing again", id());
            }
        } catch (RuntimeException e) {
            if (sendFailureLogged.compareAndSet(false, true)) {
                LOG.warn("container agent {}: cannot announce ({}); retrying every {}", id(), e.getMessage(),
                        settings.heartbeatInterval());
            }
        }
    }

    @Op(OP_ANNOUNCE)
    void onAnnounce(Map<?, ?> content) {
        if (!(content.get("container-id") instanceof String peerId) || peerId.isBlank()) {
            LOG.debug("container agent {}: ignored an announcement without container-id: {}", id(), content);
            return;
        }
        if (peerId.equals(containerId())) {
            return;
        }
        String event = content.get("event") instanceof String e ? e : EVENT_HEARTBEAT;
        changeLock.lock();
        try {
            if (EVENT_DOWN.equals(event)) {
                dropAnnounced(peerId);
                return;
            }
            record(peerId, content, event);
        } finally {
            changeLock.unlock();
        }
        if (EVENT_UP.equals(event) || EVENT_IDENTIFY.equals(event)) {
            heartbeat();
        }
    }

    private void dropAnnounced(String peerId) {
        PeerInfo gone;
        peersLock.lock();
        try {
            gone = peerTable.remove(peerId);
        } finally {
            peersLock.unlock();
        }
        if (gone != null) {
            LOG.info("container agent {}: peer {} announced it goes down; dropped", id(), peerId);
            publish(new PeerEvent(PeerEvent.Kind.DOWN, withLastSeen(gone, Instant.now()), REASON_ANNOUNCED_DOWN));
        }
    }

    private void record(String peerId, Map<?, ?> content, String event) {
        String agentId = content.get(AGENT_NAME) instanceof String a ? a : "";
        String host = content.get("host") instanceof String h ? h : "";
        Instant now = Instant.now();
        PeerInfo seen;
        boolean isNew;
        peersLock.lock();
        try {
            PeerInfo known = peerTable.get(peerId);
            isNew = known == null;
            seen = new PeerInfo(peerId, agentId, host, isNew ? now : known.firstSeen(), now);
            peerTable.put(peerId, seen);
        } finally {
            peersLock.unlock();
        }
        if (isNew) {
            LOG.info("container agent {}: peer {} on {} is up", id(), peerId, host);
            publish(new PeerEvent(PeerEvent.Kind.UP, seen, event));
        }
    }

    private static PeerInfo withLastSeen(PeerInfo p, Instant lastSeen) {
        return new PeerInfo(p.containerId(), p.agentId(), p.host(), p.firstSeen(), lastSeen);
    }

    /**
     * Makes a peer event known: as a container life-cycle event and to the peer listeners. The one place that
     * decides where peer events go.
     */
    private void publish(PeerEvent event) {
        PeerInfo peer = event.peer();
        boolean up = event.kind() == PeerEvent.Kind.UP;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("state", up ? STATE_UP : STATE_DOWN);
        payload.put("reason", event.reason());
        payload.put("host", peer.host());
        payload.put(AGENT_NAME, peer.agentId());
        payload.put("last-seen", peer.lastSeen().toEpochMilli());
        payload.put("reported-by", containerId());
        if (state() != ProcessState.TERMINATED) {
            try {
                events.publish(EventType.CONTAINER_LIFECYCLE, peer.containerId(), "container " + peer.containerId()
                        + " on " + peer.host() + " is " + (up ? "up" : "down") + " (" + event.reason()
                        + "), as seen from " + containerId(), payload);
            } catch (RuntimeException e) {
                LOG.warn("container agent {}: cannot publish that {} is {}: {}", id(), peer.containerId(),
                        up ? "up" : "down", e.getMessage());
            }
        }
        for (PeerListener l : listeners) {
            try {
                l.onPeerEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("container agent {}: peer listener {} threw", id(), l, e);
            }
        }
    }

    // ------------------------------------------------------------------ operations

    @Op("identify")
    Map<String, Object> identify() {
        heartbeatAs(EVENT_IDENTIFY);
        return announcement(EVENT_IDENTIFY);
    }

    private void heartbeatAs(String event) {
        announceLock.lock();
        try {
            if (!leaving) {
                broadcast(event);
            }
        } finally {
            announceLock.unlock();
        }
    }

    @Op("ping")
    Map<String, Object> ping() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reply", "pong");
        m.put("container-id", containerId());
        return m;
    }

    @Op("spawn")
    void spawn(Message request) {
        Object body = request.content().orElse(null);
        Map<?, ?> content = body instanceof String typeOnly ? Map.of("type", typeOnly)
                : body instanceof Map<?, ?> m ? m : Map.of();
        Object type = content.get("type");
        if (!(type instanceof String typeName) || typeName.isBlank()) {
            replyError(request, ResponseCodes.BAD_REQUEST, "spawn needs 'type', the name of a process type; known"
                    + " types in container " + containerId() + ": " + knownTypes());
            return;
        }
        Optional<ProcessType> found = container.processes().types().find(typeName);
        if (found.isEmpty()) {
            replyError(request, ResponseCodes.BAD_REQUEST, "no process type named '" + typeName + "' in container "
                    + containerId() + "; known types: " + knownTypes());
            return;
        }
        SpawnOptions options = SpawnOptions.defaults().withName(typeName);
        Object args = content.get("args");
        if (args != null) {
            if (!(args instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(String.class::isInstance)) {
                replyError(request, ResponseCodes.BAD_REQUEST, "spawn: 'args' must be a map with text keys");
                return;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, v));
            options = options.withArgs(copy);
        }
        Object name = content.get("name");
        if (name != null) {
            if (!(name instanceof String n) || n.isBlank()) {
                replyError(request, ResponseCodes.BAD_REQUEST, "spawn: 'name' must be non-empty text");
                return;
            }
            options = options.withName(n);
        }
        ProcessId spawned = container.processes().spawn(typeName, options);
        LOG.info("container agent {}: spawned {} as {} on request of {}", id(), typeName, spawned,
                request.sender());
        reply(request, Map.of("process-id", spawned.toString()));
    }

    private String knownTypes() {
        return String.join(", ", container.processes().types().names());
    }

    @Op("get_info")
    Map<String, Object> getInfo() {
        List<Map<String, Object>> processes = new ArrayList<>();
        TreeSet<String> services = new TreeSet<>();
        for (ProcessInfo p : container.processes().list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id().toString());
            entry.put("name", p.name());
            entry.put("type", p.type());
            entry.put("state", p.state().name());
            processes.add(entry);
            container.processes().find(p.id())
                    .filter(ServiceProcess.class::isInstance)
                    .filter(s -> s.state() != ProcessState.TERMINATED)
                    .ifPresent(s -> services.add(((ServiceProcess) s).serviceName()));
        }
        List<Map<String, Object>> peers = new ArrayList<>();
        for (PeerInfo p : peers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("container-id", p.containerId());
            entry.put(AGENT_NAME, p.agentId());
            entry.put("host", p.host());
            entry.put("first-seen", p.firstSeen().toEpochMilli());
            entry.put("last-seen", p.lastSeen().toEpochMilli());
            peers.add(entry);
        }
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heap-used", rt.totalMemory() - rt.freeMemory());
        memory.put("heap-max", rt.maxMemory());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("container-id", containerId());
        info.put("sysname", sysname());
        info.put("uptime-ms", container.uptime().toMillis());
        info.put("transport", container.transport().description());
        info.put("processes", processes);
        info.put("services", List.copyOf(services));
        info.put("memory", memory);
        info.put("peers", peers);
        return info;
    }
}
