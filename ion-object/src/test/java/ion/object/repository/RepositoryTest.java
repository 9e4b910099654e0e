package ion.object.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import ion.object.DanglingReferenceException;
import ion.object.Element;
import ion.object.ObjectKey;
import ion.object.TypeRegistry;
import ion.object.proto.AddressBook;
import ion.object.proto.AddressLink;
import ion.object.proto.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepositoryTest {

    private static final Instant START = Instant.parse("2011-01-10T12:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final Repository repository = Repository.builder("repo-1").clock(clock).author("tester").create();

    private static Person person(String name, String email) {
        return Person.newBuilder().setName(name).setId(1).setEmail(email).build();
    }

    private ObjectKey commitLater(Message root, String comment) {
        clock.advance(Duration.ofMinutes(1));
        repository.setRoot(root);
        return repository.commit(comment);
    }

    private Person root() {
        return repository.root(Person.class).orElseThrow();
    }

    @Test
    void theLogListsCommitsNewestFirstWithTheirParentsCommentsAuthorAndDates() {
        ObjectKey first = commitLater(person("David", "d@a"), "first");
        ObjectKey second = commitLater(person("David", "d@b"), "second");
        ObjectKey third = commitLater(person("David", "d@c"), "third");

        List<Commit> log = repository.log();

        assertEquals(List.of(third, second, first), log.stream().map(Commit::key).toList());
        assertEquals(List.of("third", "second", "first"), log.stream().map(Commit::comment).toList());
        assertEquals(List.of(second), log.get(0).parents());
        assertEquals(List.of(), log.get(2).parents());
        assertEquals("tester", log.get(0).author());
        assertEquals(START.plus(Duration.ofMinutes(3)), log.get(0).date());
        assertEquals(Optional.of(third), repository.head(Repository.MASTER));
    }

    @Test
    void aCommitKeyIsDerivedFromItsContent() {
        Repository other = Repository.builder("repo-2").clock(clock).author("tester").create();
        clock.advance(Duration.ofMinutes(1));
        repository.setRoot(person("David", "d@a"));
        other.setRoot(person("David", "d@a"));

        assertEquals(repository.commit("same"), other.commit("same"));
    }

    @Test
    void aNewBranchStartsAtTheCurrentCommitAndItsFirstCommitHasThatParent() {
        ObjectKey base = commitLater(person("David", "d@a"), "base");

        repository.branch("feature");

        assertEquals(Optional.of("feature"), repository.currentBranch());
        assertEquals(Optional.of(base), repository.head("feature"));
        ObjectKey onFeature = commitLater(person("David", "d@feature"), "on feature");
        assertEquals(List.of(base), repository.commitInfo(onFeature).parents());
        assertEquals(Optional.of(base), repository.head(Repository.MASTER));
    }

    @Test
    void aBranchNameCannotBeTakenTwice() {
        commitLater(person("David", "d@a"), "base");
        repository.branch("feature");

        BranchExistsException e = assertThrows(BranchExistsException.class, () -> repository.branch("feature"));
        assertEquals("feature", e.branch());
        assertThrows(BranchExistsException.class, () -> repository.branch(Repository.MASTER));
    }

    @Test
    void checkingOutABranchLoadsItsHeadRoot() {
        commitLater(person("David", "d@master"), "base");
        repository.branch("feature");
        commitLater(person("David", "d@feature"), "feature");

        repository.checkout(Repository.MASTER);
        assertEquals("d@master", root().getEmail());
        repository.checkout("feature");
        assertEquals("d@feature", root().getEmail());
    }

    @Test
    void mergingDivergedBranchesRecordsBothParentsAndCombinesTheirChanges() {
        ObjectKey base = commitLater(person("David", "d@a"), "base");
        repository.branch("feature");
        ObjectKey feature = commitLater(root().toBuilder().setEmail("d@feature").build(), "feature email");
        repository.checkout(Repository.MASTER);
        ObjectKey master = commitLater(root().toBuilder().setName("David Stuebe").build(), "master name");

        ObjectKey merge = repository.merge("feature");

        Commit commit = repository.commitInfo(merge);
        assertEquals(List.of(master, feature), commit.parents());
        assertTrue(commit.isMerge());
        assertEquals(Optional.of(merge), repository.head(Repository.MASTER));
        assertEquals(person("David Stuebe", "d@feature"), root());
        assertFalse(repository.isModified());
        assertEquals(List.of(merge, master, base), repository.log().stream().map(Commit::key).toList());
        assertEquals(4, repository.history().size());
    }

    @Test
    void changesInsideANestedMessageAreMergedFieldByField() {
        Person owner = person("owner", "o@a");
        commitLater(AddressBook.newBuilder().setTitle("book").setOwner(owner).build(), "base");
        repository.branch("feature");
        AddressBook book = repository.root(AddressBook.class).orElseThrow();
        commitLater(book.toBuilder().setOwner(owner.toBuilder().setEmail("o@feature")).build(), "email");
        repository.checkout(Repository.MASTER);
        commitLater(book.toBuilder().setOwner(owner.toBuilder().setName("new owner")).build(), "name");

        repository.merge("feature");

        assertEquals(person("new owner", "o@feature"),
                repository.root(AddressBook.class).orElseThrow().getOwner());
    }

    @Test
    void aFieldChangedDifferentlyOnBothSidesIsReportedWithItsPathAndBothValuesAndNothingChanges() {
        commitLater(person("David", "d@a"), "base");
        repository.branch("feature");
        ObjectKey feature = commitLater(person("David", "d@feature"), "feature email");
        repository.checkout(Repository.MASTER);
        ObjectKey master = commitLater(person("Dave", "d@master"), "master email and name");

        MergeConflictException e = assertThrows(MergeConflictException.class, () -> repository.merge("feature"));

        assertEquals(1, e.conflicts().size());
        FieldConflict conflict = e.conflicts().get(0);
        assertEquals("email", conflict.path());
        assertEquals(Optional.of("d@master"), conflict.ours());
        assertEquals(Optional.of("d@feature"), conflict.theirs());
        assertEquals(Optional.of("d@a"), conflict.base());
        assertEquals(Optional.of(master), repository.head(Repository.MASTER));
        assertEquals(Optional.of(feature), repository.head("feature"));
        assertEquals(person("Dave", "d@master"), root());
    }

    @Test
    void mergingABranchAlreadyInTheHistoryChangesNothing() {
        ObjectKey base = commitLater(person("David", "d@a"), "base");
        repository.branch("feature");
        repository.checkout(Repository.MASTER);
        ObjectKey master = commitLater(person("David", "d@b"), "ahead");

        assertEquals(master, repository.merge("feature"));
        assertEquals(Optional.of(base), repository.head("feature"));
    }

    @Test
    void checkoutByDateReturnsTheStateAsOfThatDate() {
        commitLater(person("David", "d@1"), "one");
        Instant afterFirst = clock.instant().plusSeconds(30);
        ObjectKey second = commitLater(person("David", "d@2"), "two");
        Instant atSecond = clock.instant();
        commitLater(person("David", "d@3"), "three");

        repository.checkoutAt(afterFirst);
        assertEquals("d@1", root().getEmail());
        repository.checkoutAt(atSecond);
        assertEquals("d@2", root().getEmail());
        assertEquals(Optional.of(second), repository.currentCommit());
        assertTrue(repository.isDetached());
        repository.checkoutAt(clock.instant().plus(Duration.ofDays(1)));
        assertEquals("d@3", root().getEmail());
    }

    @Test
    void checkoutByDateBeforeTheFirstCommitFails() {
        commitLater(person("David", "d@1"), "one");

        assertThrows(NoSuchCommitException.class, () -> repository.checkoutAt(START));
        assertFalse(repository.isDetached());
    }

    @Test
    void aCheckoutByCommitShowsThatCommitAndRefusesEveryWrite() {
        ObjectKey first = commitLater(person("David", "d@1"), "one");
        commitLater(person("David", "d@2"), "two");

        repository.checkoutCommit(first);

        assertEquals("d@1", root().getEmail());
        assertEquals(Optional.empty(), repository.currentBranch());
        assertRefusesWrites(first);
    }

    @Test
    void aCheckoutByDateRefusesEveryWrite() {
        ObjectKey first = commitLater(person("David", "d@1"), "one");
        commitLater(person("David", "d@2"), "two");

        repository.checkoutAt(START.plus(Duration.ofMinutes(1)));

        assertRefusesWrites(first);
    }

    private void assertRefusesWrites(ObjectKey detached) {
        DetachedCheckoutException e = assertThrows(DetachedCheckoutException.class,
                () -> repository.setRoot(person("Mallory", "m@x")));
        assertEquals(detached, e.commit());
        assertThrows(DetachedCheckoutException.class, () -> repository.commit("sneaky"));
        assertThrows(DetachedCheckoutException.class, () -> repository.merge(Repository.MASTER));
        assertThrows(DetachedCheckoutException.class, () -> repository.addObject(person("Mallory", "m@x")));
        assertEquals("d@1", root().getEmail());
        assertEquals(List.of(detached), repository.history().stream().map(Commit::key).toList());
    }

    @Test
    void aBranchCreatedAtADetachedCommitIsWritable() {
        ObjectKey first = commitLater(person("David", "d@1"), "one");
        commitLater(person("David", "d@2"), "two");
        repository.checkoutCommit(first);

        repository.branch("fix");
        ObjectKey fix = commitLater(person("David", "d@fix"), "fix");

        assertEquals(List.of(first), repository.commitInfo(fix).parents());
        assertFalse(repository.isDetached());
    }

    @Test
    void resetDiscardsUncommittedEdits() {
        commitLater(person("David", "d@1"), "one");
        repository.setRoot(person("David", "d@edited"));
        assertTrue(repository.isModified());

        repository.reset();

        assertEquals("d@1", root().getEmail());
        assertFalse(repository.isModified());
    }

    @Test
    void resetBeforeTheFirstCommitClearsTheRoot() {
        repository.setRoot(person("David", "d@1"));

        repository.reset();

        assertEquals(Optional.empty(), repository.root());
    }

    @Test
    void checkoutAndMergeAreRefusedWithUncommittedEdits() {
        ObjectKey first = commitLater(person("David", "d@1"), "one");
        repository.branch("feature");
        repository.setRoot(person("David", "d@edited"));

        assertThrows(UncommittedChangesException.class, () -> repository.checkout(Repository.MASTER));
        assertThrows(UncommittedChangesException.class, () -> repository.checkoutCommit(first));
        assertThrows(UncommittedChangesException.class, () -> repository.merge(Repository.MASTER));
        assertEquals("d@edited", root().getEmail());
    }

    @Test
    void unknownBranchesAndCommitsAreReportedPrecisely() {
        ObjectKey first = commitLater(person("David", "d@1"), "one");
        ObjectKey unknown = ObjectKey.fromHex("00".repeat(ObjectKey.LENGTH));

        NoSuchBranchException e = assertThrows(NoSuchBranchException.class, () -> repository.checkout("nope"));
        assertEquals("nope", e.branch());
        assertTrue(e.getMessage().contains(Repository.MASTER), e.getMessage());
        assertThrows(NoSuchBranchException.class, () -> repository.merge("nope"));
        assertThrows(NoSuchBranchException.class, () -> repository.head("nope"));
        assertThrows(NoSuchCommitException.class, () -> repository.checkoutCommit(unknown));
        assertThrows(NoSuchCommitException.class, () -> repository.commitInfo(unknown));
        ObjectKey rootKey = repository.commitInfo(first).root();
        assertThrows(NoSuchCommitException.class, () -> repository.checkoutCommit(rootKey));
    }

    @Test
    void aCommitWhoseRootLinksToAnObjectNotAddedIsRefused() {
        Element stranger = Element.of(person("stranger", "s@x"), TypeRegistry.standard());
        repository.setRoot(AddressLink.newBuilder().setOwner(stranger.link()).build());

        assertThrows(DanglingReferenceException.class, () -> repository.commit("dangling"));
        assertEquals(Optional.empty(), repository.head(Repository.MASTER));
    }

    @Test
    void theObjectCacheStaysWithinItsBoundWhileOldCommitsRemainReadable() {
        MemoryObjectStore store = new MemoryObjectStore(TypeRegistry.standard(), 4, Long.MAX_VALUE);
        Repository bounded = Repository.builder("bounded").clock(clock).store(store).create();
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMinutes(1));
            bounded.setRoot(person("David", "d@" + i));
            bounded.commit("commit " + i);
            assertTrue(store.cachedObjects() <= 4, "cached " + store.cachedObjects());
        }

        List<Commit> log = bounded.log();

        assertEquals(50, log.size());
        assertEquals("commit 0", log.get(49).comment());
        bounded.checkoutCommit(log.get(49).key());
        assertEquals("d@0", bounded.root(Person.class).orElseThrow().getEmail());
        assertTrue(store.cachedObjects() <= 4, "cached " + store.cachedObjects());
        assertEquals(100, store.size());
    }

    @Test
    void branchesWithoutACommonAncestorMergeAgainstAnEmptyRoot() {
        repository.branch("other");
        ObjectKey other = commitLater(Person.newBuilder().setEmail("d@other").build(), "other");
        repository.checkout(Repository.MASTER);
        ObjectKey master = commitLater(Person.newBuilder().setName("David").build(), "master");

        ObjectKey merge = repository.merge("other");

        assertEquals(List.of(master, other), repository.commitInfo(merge).parents());
        assertEquals(Person.newBuilder().setName("David").setEmail("d@other").build(), root());
    }

    @Test
    void commitsFromManyThreadsFormOneLinearHistory() throws InterruptedException {
        Repository shared = Repository.create("shared");
        shared.setRoot(person("David", "d@shared"));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 25; i++) {
                    shared.commit("thread " + thread + " commit " + i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(100, shared.log().size());
        assertEquals(100, shared.history().size());
    }
}
