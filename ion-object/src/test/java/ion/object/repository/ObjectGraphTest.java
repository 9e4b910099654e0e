package ion.object.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.object.Element;
import ion.object.MalformedStructureException;
import ion.object.ObjectKey;
import ion.object.TypeRegistry;
import ion.object.proto.AddressLink;
import ion.object.proto.CASRef;
import ion.object.proto.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectGraphTest {
    private final TypeRegistry types = TypeRegistry.standard();

    @Test
    void whatIsReachableFromNewCommitsButNotFromKnownOnesIsOnlyTheNewCommitAndItsNewObjects() {
        Repository repository = Repository.create("graph");
        CASRef shared = repository.addObject(Person.newBuilder().setName("shared").build());
        repository.setRoot(AddressLink.newBuilder().setTitle("v1").setOwner(shared).build());
        ObjectKey first = repository.commit("first");
        repository.setRoot(AddressLink.newBuilder().setTitle("v2").setOwner(shared).build());
        ObjectKey second = repository.commit("second");
        ObjectGraph graph = ObjectGraph.of(repository.store(), types);

        List<Element> missing = graph.reachable(List.of(second), graph.closure(List.of(first)));

        assertEquals(List.of(second, repository.commitInfo(second).root()),
                missing.stream().map(Element::key).toList(), "the shared person is known already");
        assertEquals(5, graph.closure(List.of(second)).size());
        assertEquals(List.of(second, first), List.copyOf(graph.commits(List.of(second)).keySet()));
    }

    @Test
    void absentObjectsAreReportedTogetherByKey() {
        Repository repository = Repository.create("holes");
        CASRef a = repository.addObject(Person.newBuilder().setName("a").build());
        CASRef b = repository.addObject(Person.newBuilder().setName("b").build());
        repository.setRoot(AddressLink.newBuilder().setOwner(a).addPerson(b).build());
        ObjectKey commit = repository.commit("c");
        Set<ObjectKey> absent = Set.of(new ObjectKey(a.getKey()), new ObjectKey(b.getKey()));
        ObjectGraph graph = new ObjectGraph(types, keys -> {
            Map<ObjectKey, Element> found = new LinkedHashMap<>();
            keys.stream().filter(k -> !absent.contains(k))
                    .forEach(k -> found.put(k, repository.store().get(k).orElseThrow()));
            return found;
        });

        MissingObjectsException e = assertThrows(MissingObjectsException.class,
                () -> graph.reachable(List.of(commit), Set.of()));

        assertEquals(Set.copyOf(e.missing()), absent);
        assertTrue(e.getMessage().contains(new ObjectKey(a.getKey()).toString()), e.getMessage());
    }

    @Test
    void elementsAreReadOneLevelAtATime() {
        Repository repository = Repository.create("levels");
        List<CASRef> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(repository.addObject(Person.newBuilder().setName("p" + i).build()));
        }
        repository.setRoot(AddressLink.newBuilder().addAllPerson(people).build());
        ObjectKey commit = repository.commit("wide");
        List<Integer> lookups = new ArrayList<>();
        ObjectGraph graph = new ObjectGraph(types, keys -> {
            lookups.add(keys.size());
            Map<ObjectKey, Element> found = new LinkedHashMap<>();
            keys.forEach(k -> repository.store().get(k).ifPresent(e -> found.put(k, e)));
            return found;
        });

        graph.reachable(List.of(commit), Set.of());

        assertEquals(List.of(1, 1, 5), lookups, "the commit, the root, then all five people at once");
    }

    @Test
    void aLinkDeclaringAnotherTypeThanItsTargetIsRefused() {
        MemoryObjectStore store = new MemoryObjectStore(types);
        Element person = Element.of(Person.newBuilder().setName("p").build(), types);
        store.put(person);
        CASRef wrong = person.link().toBuilder().setType(Element.of(AddressLink.getDefaultInstance(), types)
                .type().toGpbType()).build();
        Element root = Element.of(AddressLink.newBuilder().setOwner(wrong).build(), types);
        store.put(root);

        MalformedStructureException e = assertThrows(MalformedStructureException.class,
                () -> ObjectGraph.of(store, types).reachable(List.of(root.key()), Set.of()));

        assertTrue(e.getMessage().contains(person.key().toString()), e.getMessage());
    }

    @Test
    void updateBranchFastForwardsCreatesAndLeavesAHeadThatIsAheadButRefusesADivergedOne() {
        Repository origin = Repository.create("ff");
        origin.setRoot(Person.newBuilder().setName("1").build());
        ObjectKey one = origin.commit("1");
        origin.setRoot(Person.newBuilder().setName("2").build());
        ObjectKey two = origin.commit("2");
        MemoryObjectStore copy = new MemoryObjectStore(types);
        origin.store().elements().forEach(copy::put);
        Repository clone = Repository.builder("ff").store(copy).open(Map.of(Repository.MASTER, one));

        assertTrue(clone.updateBranch(Repository.MASTER, two));
        assertEquals("2", clone.root(Person.class).orElseThrow().getName(), "the checked-out root follows");
        assertFalse(clone.updateBranch(Repository.MASTER, one), "a head already ahead stays");
        assertTrue(clone.updateBranch("other", one));
        assertEquals(Optional.of(one), clone.head("other"));
        clone.setRoot(Person.newBuilder().setName("3 here").build());
        clone.commit("here");
        origin.setRoot(Person.newBuilder().setName("3 there").build());
        ObjectKey there = origin.commit("there");
        origin.store().elements().forEach(copy::put);
        assertThrows(DivergedBranchException.class, () -> clone.updateBranch(Repository.MASTER, there));
    }
}
