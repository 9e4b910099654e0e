package ion.object.repository;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import ion.object.DanglingReferenceException;
import ion.object.Element;
import ion.object.Links;
import ion.object.MalformedStructureException;
import ion.object.ObjectKey;
import ion.object.StructureCodec;
import ion.object.TypeId;
import ion.object.TypeRegistry;
import ion.object.Unpacked;
import ion.object.proto.Branch;
import ion.object.proto.CASRef;
import ion.object.proto.CommitRef;
import ion.object.proto.MutableNode;
import ion.object.proto.ParentRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A versioned object, as R1's repository: a working root object that is edited, commits that record it, and named
 * branches whose heads are commits.
 *
 * <p>The root is a message of any registered type. It may link ({@code CASRef}) to further objects, which are
 * added with {@link #addObject}; a commit stores the root and checks that everything it reaches is present.
 * Commits and objects are immutable and content-addressed ({@link ion.object.Keys}); they live in an
 * {@link ObjectStore}; the default {@link MemoryObjectStore} bounds its cache of decoded objects (not the
 * working root, which the repository holds, nor the stored bytes, which stay readable). A commit is a
 * {@link CommitRef} holding the link to the root, its parents (a
 * {@code Parent} ref to the previous head, plus a {@code MergedFrom} ref for a merge), the comment, the author and
 * the date from the repository's {@link Clock}.
 *
 * <p>A repository is created with one branch, {@value #MASTER}, without commits. The checkout is either a branch
 * (writable: {@link #setRoot}, {@link #commit} and {@link #merge} move its head) or a single commit chosen by key
 * or by date (detached and read-only: every write throws {@link DetachedCheckoutException}). A new branch starts
 * at the checked-out commit and becomes the checkout, which is also how to write from a detached commit.
 * Operations that replace the working root (checkouts and merges) refuse while it has uncommitted edits
 * ({@link UncommittedChangesException}); {@link #reset} discards them.
 *
 * <p>{@link #merge} is a three-way merge of the two heads' roots against their common ancestor, field by field.
 * On a conflict it is refused with {@link MergeConflictException}, which lists each conflicting field with both
 * values, and nothing changes; otherwise it always records a merge commit with both parents (no fast-forward).
 *
 * <p>{@link #pack} writes the branches (as a {@link MutableNode}), every commit reachable from them and their
 * objects into one {@code Structure}; {@link Builder#unpack} rebuilds the repository from it.
 *
 * <p>Thread-safe: every operation holds the repository's lock, so a repository may be shared across threads; a
 * sequence of operations is not atomic as a whole. Objects returned are immutable.
 */
public final class Repository {

    /** The name of the branch every new repository has. */
    public static final String MASTER = "master";

    private final String id;
    private final TypeRegistry registry;
    private final ObjectStore store;
    private final Clock clock;
    private final String author;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Optional<ObjectKey>> branches = new LinkedHashMap<>();
    private Checkout checkout;
    private Optional<Message> working = Optional.empty();

    private sealed interface Checkout permits OnBranch, Detached {
    }

    private record OnBranch(String branch) implements Checkout {
    }

    /** A detached checkout of a commit, and the branch it was taken from (for a further checkout by date). */
    private record Detached(ObjectKey commit, String branch) implements Checkout {
    }

    private Repository(Builder builder) {
        this.id = builder.id;
        this.registry = builder.registry;
        this.store = builder.store.orElseGet(() -> new MemoryObjectStore(builder.registry));
        this.clock = builder.clock;
        this.author = builder.author;
        this.checkout = new OnBranch(MASTER);
    }

    /** A new repository with this id, the standard types, an in-memory store and the system clock. */
    public static Repository create(String id) {
        return builder(id).create();
    }

    /** A builder for a repository with this id (R1 uses a UUID string). */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The repository's id. */
    public String id() {
        return id;
    }

    /** The store of commits and objects. */
    public ObjectStore store() {
        return store;
    }

    /** The working root object; empty until one is set or checked out. */
    public Optional<Message> root() {
        return locked(() -> working);
    }

    /**
     * The working root object as the expected class.
     *
     * @throws IllegalArgumentException if the root is of another type
     */
    public <T extends Message> Optional<T> root(Class<T> expected) {
        return root().map(root -> {
            if (!expected.isInstance(root)) {
                throw new IllegalArgumentException("the root is a " + root.getDescriptorForType().getFullName()
                        + ", not a " + expected.getSimpleName());
            }
            return expected.cast(root);
        });
    }

    /**
     * Replaces the working root object (an edit).
     *
     * @throws DetachedCheckoutException if the checkout is detached
     * @throws ion.object.UnknownTypeException if the root's type is not registered
     */
    public void setRoot(Message root) {
        Objects.requireNonNull(root, "root");
        run(() -> {
            requireAttached("edit the root");
            registry.typeOf(root);
            working = Optional.of(root);
        });
    }

    /**
     * Adds an object for the root (or another added object) to link to, and returns the link.
     *
     * @throws DetachedCheckoutException if the checkout is detached
     */
    public CASRef addObject(Message object) {
        Objects.requireNonNull(object, "object");
        return locked(() -> {
            requireAttached("add an object");
            Element element = Element.of(object, registry);
            store.put(element);
            return element.link();
        });
    }

    /**
     * The object a link points to.
     *
     * @throws DanglingReferenceException if the repository does not have it
     */
    public Message object(CASRef link) {
        ObjectKey key = new ObjectKey(link.getKey());
        return store.object(key).orElseThrow(() -> new DanglingReferenceException(key, TypeId.of(link.getType())));
    }

    /** Whether the working root differs from the root of the checked-out commit. */
    public boolean isModified() {
        return locked(() -> !working.map(root -> Element.of(root, registry).key()).equals(baseRoot()));
    }

    /**
     * Commits the working root on the current branch and moves the branch's head to the new commit, whose parent
     * is the previous head.
     *
     * @return the new commit's key
     * @throws DetachedCheckoutException if the checkout is detached
     * @throws IllegalStateException if there is no root to commit
     * @throws DanglingReferenceException if an object the root reaches was not added
     */
    public ObjectKey commit(String comment) {
        Objects.requireNonNull(comment, "comment");
        return locked(() -> {
            String branch = requireAttached("commit");
            Message root = working.orElseThrow(() -> new IllegalStateException(
                    "nothing to commit: repository " + id + " has no root object"));
            ObjectKey key = writeCommit(root, comment, branches.get(branch).stream().toList());
            branches.put(branch, Optional.of(key));
            return key;
        });
    }

    /**
     * Creates a branch at the checked-out commit (or, before the first commit, without one) and checks it out.
     * Uncommitted edits are kept.
     *
     * @throws BranchExistsException if a branch has the name
     * @throws IllegalArgumentException if the name is blank
     */
    public void branch(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a branch name must not be blank");
        }
        run(() -> {
            if (branches.containsKey(name)) {
                throw new BranchExistsException(name);
            }
            branches.put(name, currentCommitLocked());
            checkout = new OnBranch(name);
        });
    }

    /**
     * Checks out a branch: the working root becomes its head's root (none before its first commit).
     *
     * @throws NoSuchBranchException if there is no such branch
     * @throws UncommittedChangesException if the working root has uncommitted edits
     */
    public void checkout(String branch) {
        run(() -> {
            Optional<ObjectKey> head = headLocked(branch);
            requireClean("check out branch '" + branch + "'");
            checkout = new OnBranch(branch);
            working = head.map(this::rootOf);
        });
    }

    /**
     * Checks out one commit, detached and read-only.
     *
     * @throws NoSuchCommitException if the repository has no such commit
     * @throws UncommittedChangesException if the working root has uncommitted edits
     */
    public void checkoutCommit(ObjectKey commit) {
        run(() -> {
            Commit found = commitLocked(commit);
            requireClean("check out commit " + commit);
            detach(found);
        });
    }

    /**
     * Checks out, detached and read-only, the state as of a date: the latest commit at or before it in the history
     * of the current branch (following every parent, so commits merged in count). From a detached checkout, the
     * branch it was taken from is used.
     *
     * @throws NoSuchCommitException if the branch has no commit at or before the date
     * @throws UncommittedChangesException if the working root has uncommitted edits
     */
    public void checkoutAt(Instant date) {
        Objects.requireNonNull(date, "date");
        run(() -> {
            String branch = switch (checkout) {
                case OnBranch onBranch -> onBranch.branch();
                case Detached detached -> detached.branch();
            };
            ObjectKey head = branches.get(branch).orElseThrow(() -> new NoSuchCommitException(
                    "branch '" + branch + "' has no commits"));
            Commit found = ancestors(head).stream()
                    .map(this::commitLocked)
                    .filter(commit -> !commit.date().isAfter(date))
                    .max(Comparator.comparing(Commit::date))
                    .orElseThrow(() -> new NoSuchCommitException("branch '" + branch
                            + "' has no commit at or before " + date));
            requireClean("check out the state as of " + date);
            detach(found);
        });
    }

    /**
     * Merges another branch into the current one with a default comment; see {@link #merge(String, String)}.
     */
    public ObjectKey merge(String otherBranch) {
        return merge(otherBranch, "merge branch '" + otherBranch + "'");
    }

    /**
     * Merges another branch into the current one: the roots of both heads are merged field by field against
     * their common ancestor's root, and a commit with both heads as parents (the current first) is made and
     * checked out. If the other head is already in the current branch's history, nothing is done.
     *
     * @return the merge commit's key, or the unchanged head if there was nothing to merge
     * @throws MergeConflictException if both sides changed a field differently; nothing is changed
     * @throws NoSuchBranchException if there is no such branch
     * @throws NoSuchCommitException if either branch has no commits
     * @throws DetachedCheckoutException if the checkout is detached
     * @throws UncommittedChangesException if the working root has uncommitted edits
     */
    public ObjectKey merge(String otherBranch, String comment) {
        Objects.requireNonNull(comment, "comment");
        return locked(() -> {
            String into = requireAttached("merge");
            Optional<ObjectKey> theirsHead = headLocked(otherBranch);
            requireClean("merge branch '" + otherBranch + "'");
            ObjectKey ours = branches.get(into).orElseThrow(() -> new NoSuchCommitException(
                    "branch '" + into + "' has no commits to merge into"));
            ObjectKey theirs = theirsHead.orElseThrow(() -> new NoSuchCommitException(
                    "branch '" + otherBranch + "' has no commits to merge"));
            Set<ObjectKey> ourHistory = ancestors(ours);
            if (ourHistory.contains(theirs)) {
                return ours;
            }
            Message ourRoot = rootOf(ours);
            Message theirRoot = rootOf(theirs);
            Optional<Message> baseRoot = mergeBase(ourHistory, theirs).map(this::rootOf);
            if (ourRoot.getDescriptorForType() != theirRoot.getDescriptorForType()) {
                throw new MergeConflictException(into, otherBranch, List.of(new FieldConflict("",
                        baseRoot.map(Object.class::cast), Optional.of(ourRoot), Optional.of(theirRoot))));
            }
            Message base = baseRoot.filter(root -> root.getDescriptorForType() == ourRoot.getDescriptorForType())
                    .orElse(ourRoot.getDefaultInstanceForType());
            ThreeWayMerge.Result result = ThreeWayMerge.merge(base, ourRoot, theirRoot);
            if (!result.conflicts().isEmpty()) {
                throw new MergeConflictException(into, otherBranch, result.conflicts());
            }
            ObjectKey key = writeCommit(result.merged(), comment, List.of(ours, theirs));
            branches.put(into, Optional.of(key));
            working = Optional.of(result.merged());
            return key;
        });
    }

    /** Discards uncommitted edits: the working root becomes the checked-out commit's root again. */
    public void reset() {
        run(() -> working = currentCommitLocked().map(this::rootOf));
    }

    /**
     * The history of the checkout: the checked-out commit, then its first parents back to the first commit. Each
     * commit lists all its parents; {@link #history()} also includes the commits merged in.
     */
    public List<Commit> log() {
        return locked(() -> {
            List<Commit> log = new ArrayList<>();
            Optional<ObjectKey> next = currentCommitLocked();
            while (next.isPresent()) {
                Commit commit = commitLocked(next.get());
                log.add(commit);
                next = commit.firstParent();
            }
            return List.copyOf(log);
        });
    }

    /** Every commit reachable from the checkout through any parent, breadth-first from the checked-out commit. */
    public List<Commit> history() {
        return locked(() -> currentCommitLocked().map(head -> ancestors(head).stream().map(this::commitLocked)
                .toList()).orElse(List.of()));
    }

    /**
     * The commit with this key.
     *
     * @throws NoSuchCommitException if the repository has no such commit
     */
    public Commit commitInfo(ObjectKey key) {
        return locked(() -> commitLocked(key));
    }

    /** The branch names, in the order they were created. */
    public List<String> branches() {
        return locked(() -> List.copyOf(branches.keySet()));
    }

    /**
     * The head commit of a branch; empty before its first commit.
     *
     * @throws NoSuchBranchException if there is no such branch
     */
    public Optional<ObjectKey> head(String branch) {
        return locked(() -> headLocked(branch));
    }

    /** The branches that have commits, with their head commits, in the order the branches were created. */
    public Map<String, ObjectKey> heads() {
        return locked(() -> {
            Map<String, ObjectKey> heads = new LinkedHashMap<>();
            branches.forEach((name, head) -> head.ifPresent(key -> heads.put(name, key)));
            return Collections.unmodifiableMap(heads);
        });
    }

    /**
     * Moves a branch to a commit received from another repository (a pull), which must already be in this
     * repository's store with its history: a new branch is created there; a branch whose head is an ancestor of
     * the commit is fast-forwarded; a branch that already has the commit in its history is left as it is. If the
     * branch is checked out, the working root follows its head.
     *
     * @return whether the branch was created or moved
     * @throws DivergedBranchException if neither the head nor the commit is an ancestor of the other
     * @throws NoSuchCommitException if the commit or one of its ancestors is not in the store
     * @throws UncommittedChangesException if the branch is checked out and the working root has uncommitted edits
     */
    public boolean updateBranch(String branch, ObjectKey commit) {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        return locked(() -> {
            Set<ObjectKey> theirs = ancestors(commit);
            Optional<ObjectKey> head = branches.getOrDefault(branch, Optional.empty());
            if (head.isPresent() && ancestors(head.get()).contains(commit)) {
                return false;
            }
            if (head.isPresent() && !theirs.contains(head.get())) {
                throw new DivergedBranchException(branch, head.get(), commit);
            }
            boolean checkedOut = checkout instanceof OnBranch onBranch && onBranch.branch().equals(branch);
            if (checkedOut) {
                requireClean("move the checked-out branch '" + branch + "' to " + commit);
            }
            branches.put(branch, Optional.of(commit));
            if (checkedOut) {
                working = Optional.of(rootOf(commit));
            }
            return true;
        });
    }

    /** The checked-out branch; empty when the checkout is detached. */
    public Optional<String> currentBranch() {
        return locked(() -> checkout instanceof OnBranch onBranch ? Optional.of(onBranch.branch())
                : Optional.<String>empty());
    }

    /** Whether the checkout is a single commit (read-only). */
    public boolean isDetached() {
        return locked(() -> checkout instanceof Detached);
    }

    /** The checked-out commit: the branch's head, or the detached commit; empty before a first commit. */
    public Optional<ObjectKey> currentCommit() {
        return locked(this::currentCommitLocked);
    }

    /**
     * The repository as a {@code Structure}: the head is a {@link MutableNode} with this repository's id and a
     * {@link Branch} per branch (its name as {@code branchkey}, its head commit as the one commit link), the items
     * are every commit reachable from the heads and every object of their trees, breadth-first. Uncommitted edits
     * and which branch is checked out are not included.
     */
    public ByteString pack() {
        return locked(() -> {
            MutableNode.Builder node = MutableNode.newBuilder().setRepositorykey(id);
            branches.forEach((name, head) -> {
                Branch.Builder branch = Branch.newBuilder().setBranchkey(name);
                head.ifPresent(key -> branch.addCommitrefs(element(key).link()));
                node.addBranches(branch);
            });
            return new StructureCodec(registry).packGraph(Element.of(node.build(), registry), store.elements());
        });
    }

    private ObjectKey writeCommit(Message root, String comment, List<ObjectKey> parents) {
        Element rootElement = Element.of(root, registry);
        requireReachable(rootElement, root);
        store.put(rootElement);
        CommitRef.Builder ref = CommitRef.newBuilder()
                .setComment(comment)
                .setDate(Commit.toSeconds(clock.instant()))
                .setObjectroot(rootElement.link());
        for (int i = 0; i < parents.size(); i++) {
            ref.addParentrefs(ParentRef.newBuilder()
                    .setRelationship(i == 0 ? ParentRef.Relationship.Parent : ParentRef.Relationship.MergedFrom)
                    .setCommitref(element(parents.get(i)).link()));
        }
        if (!author.isEmpty()) {
            ref.setAuthor(author);
        }
        Element commit = Element.of(ref.build(), registry);
        store.put(commit);
        return commit.key();
    }

    private void requireReachable(Element rootElement, Message root) {
        Deque<Map.Entry<ObjectKey, Message>> queue = new ArrayDeque<>();
        queue.add(Map.entry(rootElement.key(), root));
        Set<ObjectKey> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Map.Entry<ObjectKey, Message> from = queue.removeFirst();
            for (CASRef link : Links.of(from.getValue())) {
                ObjectKey target = new ObjectKey(link.getKey());
                if (!seen.add(target)) {
                    continue;
                }
                Message object = store.object(target).orElseThrow(() -> new DanglingReferenceException(
                        "commit: object", from.getKey(), target, TypeId.of(link.getType())));
                queue.addLast(Map.entry(target, object));
            }
        }
    }

    private Element element(ObjectKey key) {
        return store.get(key).orElseThrow(() -> new NoSuchCommitException("repository " + id
                + " has no object " + key));
    }

    private Commit commitLocked(ObjectKey key) {
        Message object = store.object(key).orElseThrow(() -> new NoSuchCommitException("repository " + id
                + " has no commit " + key));
        if (!(object instanceof CommitRef ref)) {
            throw new NoSuchCommitException("object " + key + " of repository " + id + " is a "
                    + object.getDescriptorForType().getFullName() + ", not a commit");
        }
        return Commit.of(key, ref);
    }

    private Message rootOf(ObjectKey commit) {
        ObjectKey root = commitLocked(commit).root();
        return store.object(root).orElseThrow(() -> new NoSuchCommitException("the root " + root + " of commit "
                + commit + " is missing from repository " + id));
    }

    private Optional<ObjectKey> baseRoot() {
        return currentCommitLocked().map(commit -> commitLocked(commit).root());
    }

    private Optional<ObjectKey> currentCommitLocked() {
        return switch (checkout) {
            case OnBranch onBranch -> branches.get(onBranch.branch());
            case Detached detached -> Optional.of(detached.commit());
        };
    }

    private Optional<ObjectKey> headLocked(String branch) {
        Optional<ObjectKey> head = branches.get(branch);
        if (head == null) {
            throw new NoSuchBranchException(branch, List.copyOf(branches.keySet()));
        }
        return head;
    }

    private void checkOutFirstBranch() {
        if (branches.isEmpty()) {
            branches.put(MASTER, Optional.empty());
        }
        String first = branches.keySet().iterator().next();
        checkout = new OnBranch(first);
        working = branches.get(first).map(this::rootOf);
    }

    private void detach(Commit commit) {
        String from = switch (checkout) {
            case OnBranch onBranch -> onBranch.branch();
            case Detached detached -> detached.branch();
        };
        checkout = new Detached(commit.key(), from);
        working = Optional.of(rootOf(commit.key()));
    }

    /** The commit and all its ancestors through every parent, breadth-first. */
    private Set<ObjectKey> ancestors(ObjectKey head) {
        Set<ObjectKey> seen = new LinkedHashSet<>();
        Deque<ObjectKey> queue = new ArrayDeque<>();
        queue.add(head);
        while (!queue.isEmpty()) {
            ObjectKey next = queue.removeFirst();
            if (seen.add(next)) {
                queue.addAll(commitLocked(next).parents());
            }
        }
        return seen;
    }

    /**
     * The best common ancestor: of the commits in both histories, one that is no ancestor of another of them,
     * the latest by date if there are several.
     */
    private Optional<ObjectKey> mergeBase(Set<ObjectKey> ourHistory, ObjectKey theirs) {
        Set<ObjectKey> common = new LinkedHashSet<>(ancestors(theirs));
        common.retainAll(ourHistory);
        Set<ObjectKey> dominated = new HashSet<>();
        for (ObjectKey candidate : common) {
            Set<ObjectKey> older = new HashSet<>(ancestors(candidate));
            older.remove(candidate);
            dominated.addAll(older);
        }
        return common.stream()
                .filter(candidate -> !dominated.contains(candidate))
                .map(this::commitLocked)
                .max(Comparator.comparing(Commit::date))
                .map(Commit::key);
    }

    private String requireAttached(String operation) {
        return switch (checkout) {
            case OnBranch onBranch -> onBranch.branch();
            case Detached detached -> throw new DetachedCheckoutException(operation, detached.commit());
        };
    }

    private void requireClean(String operation) {
        if (!working.map(root -> Element.of(root, registry).key()).equals(baseRoot())) {
            throw new UncommittedChangesException(operation);
        }
    }

    private void run(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Options of a new or rebuilt repository. */
    public static final class Builder {
        private final String id;
        private TypeRegistry registry = TypeRegistry.standard();
        private Optional<ObjectStore> store = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private String author = "";

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("a repository id must not be blank");
            }
            this.id = id;
        }

        /** The types of root objects and their linked objects; the standard registry by default. */
        public Builder registry(TypeRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The store of commits and objects; a new {@link MemoryObjectStore} by default. */
        public Builder store(ObjectStore store) {
            this.store = Optional.of(store);
            return this;
        }

        /** The clock that dates commits; the UTC system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The author recorded in commits; none by default. */
        public Builder author(String author) {
            this.author = Objects.requireNonNull(author, "author");
            return this;
        }

        /** A new repository: branch {@value #MASTER} checked out, no commits, no root. */
        public Repository create() {
            Repository repository = new Repository(this);
            repository.branches.put(MASTER, Optional.empty());
            return repository;
        }

        /**
         * A repository over this builder's store, which already holds the commits and objects, with these branches
         * (name to head commit; an empty map gives {@value #MASTER} without commits). The first branch is checked
         * out.
         *
         * @throws NoSuchCommitException if a head is not a commit in the store
         */
        public Repository open(Map<String, ObjectKey> heads) {
            Repository repository = new Repository(this);
            heads.forEach((name, head) -> {
                repository.commitLocked(head);
                repository.branches.put(name, Optional.of(head));
            });
            repository.checkOutFirstBranch();
            return repository;
        }

        /**
         * The repository packed in a structure by {@link Repository#pack}, with this builder's options except its
         * id, which the structure carries. Its first branch is checked out.
         *
         * @throws MalformedStructureException if the structure is not valid, its head is not a
         *     {@link MutableNode}, or a link does not resolve
         * @throws ion.object.UnknownTypeException if an element's type is not registered
         * @throws IllegalArgumentException if the id in the structure is not this builder's id
         */
        public Repository unpack(ByteString structure) {
            Unpacked unpacked = new StructureCodec(registry).unpack(structure);
            if (unpacked.head().isEmpty() || !(unpacked.object(unpacked.head().get().key()).orElseThrow()
                    instanceof MutableNode node)) {
                throw new MalformedStructureException("a packed repository has a MutableNode as its head");
            }
            if (!node.getRepositorykey().equals(id)) {
                throw new IllegalArgumentException("the structure holds repository " + node.getRepositorykey()
                        + ", not " + id);
            }
            Repository repository = new Repository(this);
            unpacked.items().values().forEach(repository.store::put);
            for (Branch branch : node.getBranchesList()) {
                if (branch.getCommitrefsCount() > 1) {
                    throw new MalformedStructureException("branch '" + branch.getBranchkey() + "' has "
                            + branch.getCommitrefsCount() + " heads; a diverged branch is not supported yet");
                }
                Optional<ObjectKey> headKey = branch.getCommitrefsList().stream()
                        .map(link -> new ObjectKey(link.getKey())).findFirst();
                headKey.ifPresent(repository::commitLocked);
                repository.branches.put(branch.getBranchkey(), headKey);
            }
            repository.checkOutFirstBranch();
            return repository;
        }
    }
}
