package ion.object.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import ion.object.Element;
import ion.object.MalformedStructureException;
import ion.object.StructureCodec;
import ion.object.TypeRegistry;
import ion.object.Unpacked;
import ion.object.proto.AddressLink;
import ion.object.proto.CASRef;
import ion.object.proto.MutableNode;
import ion.object.proto.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackedRepositoryTest {

    private final TestClock clock = new TestClock(Instant.parse("2011-01-10T12:00:00Z"));

    private Repository withHistory() {
        Repository repository = Repository.builder("repo-1").clock(clock).author("tester").create();
        CASRef owner = repository.addObject(Person.newBuilder().setName("owner").build());
        CASRef friend = repository.addObject(Person.newBuilder().setName("friend").build());
        repository.setRoot(AddressLink.newBuilder().setTitle("book").setOwner(owner).addPerson(friend).build());
        clock.advance(Duration.ofMinutes(1));
        repository.commit("first");
        repository.branch("feature");
        AddressLink book = repository.root(AddressLink.class).orElseThrow();
        repository.setRoot(book.toBuilder().setTitle("feature book").build());
        clock.advance(Duration.ofMinutes(1));
        repository.commit("feature");
        repository.checkout(Repository.MASTER);
        CASRef other = repository.addObject(Person.newBuilder().setName("other").build());
        repository.setRoot(book.toBuilder().addPerson(other).build());
        clock.advance(Duration.ofMinutes(1));
        repository.commit("master");
        clock.advance(Duration.ofMinutes(1));
        repository.merge("feature");
        repository.branch("empty-later");
        return repository;
    }

    @Test
    void aPackedRepositoryIsRebuiltWithTheSameBranchesCommitsAndObjects() {
        Repository original = withHistory();
        ByteString packed = original.pack();

        Repository rebuilt = Repository.builder("repo-1").unpack(packed);

        assertEquals(original.branches(), rebuilt.branches());
        for (String branch : original.branches()) {
            assertEquals(original.head(branch), rebuilt.head(branch));
        }
        assertEquals(Optional.of(Repository.MASTER), rebuilt.currentBranch());
        original.checkout(Repository.MASTER);
        assertEquals(original.log(), rebuilt.log());
        assertEquals(original.history(), rebuilt.history());
        AddressLink book = rebuilt.root(AddressLink.class).orElseThrow();
        assertEquals(original.root(), rebuilt.root());
        assertEquals("feature book", book.getTitle());
        assertEquals("other", ((Person) rebuilt.object(book.getPerson(1))).getName());
        assertEquals(packed, rebuilt.pack());
    }

    @Test
    void thePackedStructureHasTheMutableNodeAsItsHeadAndCarriesEveryCommitAndObject() {
        Repository original = withHistory();

        Unpacked unpacked = StructureCodec.standard().unpack(original.pack());

        MutableNode node = unpacked.headObject(MutableNode.class);
        assertEquals("repo-1", node.getRepositorykey());
        assertEquals(3, node.getBranchesCount());
        assertEquals(0, unpacked.missing().size());
        assertEquals(original.history().size() + 4 + 3, unpacked.items().size());
    }

    @Test
    void aRebuiltRepositoryCanBeWorkedOn() {
        Repository rebuilt = Repository.builder("repo-1").clock(clock).unpack(withHistory().pack());
        AddressLink book = rebuilt.root(AddressLink.class).orElseThrow();

        rebuilt.setRoot(book.toBuilder().setTitle("after").build());
        clock.advance(Duration.ofMinutes(1));
        rebuilt.commit("after rebuild");

        assertEquals(5, rebuilt.history().size());
    }

    @Test
    void aStructureOfAnotherRepositoryOrWithoutAMutableNodeIsRefused() {
        ByteString packed = withHistory().pack();

        assertThrows(IllegalArgumentException.class, () -> Repository.builder("repo-2").unpack(packed));
        ByteString plain = StructureCodec.standard().pack(
                Element.of(Person.newBuilder().setName("x").build(), TypeRegistry.standard()), List.of());
        assertThrows(MalformedStructureException.class, () -> Repository.builder("repo-1").unpack(plain));
    }
}
