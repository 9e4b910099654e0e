package ion.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.object.proto.CASRef;
import ion.object.proto.CommitRef;
import ion.object.proto.ParentRef;
import ion.object.proto.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinksTest {

    private final TypeRegistry registry = TypeRegistry.standard();

    @Test
    void linksAreFoundAtAnyDepthInFieldOrder() {
        Element person = Element.of(Golden.person(), registry);
        Element parent = Element.of(Person.newBuilder().setName("Other").build(), registry);
        CommitRef commit = CommitRef.newBuilder()
                .setComment("c")
                .setDate(1.5)
                .addParentrefs(ParentRef.newBuilder()
                        .setRelationship(ParentRef.Relationship.Parent)
                        .setCommitref(parent.link()))
                .setObjectroot(person.link())
                .build();

        List<CASRef> links = Links.of(commit);

        assertEquals(List.of(parent.link(), person.link()), links);
    }

    @Test
    void anObjectWithALinkInANestedPartIsNoLeaf() {
        Element person = Element.of(Golden.person(), registry);
        CommitRef commit = CommitRef.newBuilder()
                .setComment("c")
                .setDate(1.5)
                .addParentrefs(ParentRef.newBuilder()
                        .setRelationship(ParentRef.Relationship.Parent)
                        .setCommitref(person.link()))
                .buildPartial();

        assertFalse(Links.isLeaf(commit));
        assertTrue(Links.isLeaf(Golden.person()));
    }

    @Test
    void anElementParsesBackToItsObject() {
        CommitRef commit = CommitRef.newBuilder()
                .setComment("c")
                .setDate(1.5)
                .setObjectroot(Element.of(Golden.person(), registry).link())
                .build();

        Element element = Element.of(commit, registry);

        assertFalse(element.isLeaf());
        assertEquals(commit, element.object(registry, CommitRef.class));
    }
}
