package ion.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import ion.object.proto.AddressBook;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import ion.object.proto.StructureElement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {

    private final TypeRegistry registry = TypeRegistry.standard();

    @Test
    void standardRegistryHasTheR1CoreIds() {
        Map<Integer, String> core = Map.of(1, "StructureElement", 2, "Structure", 3, "CASRef", 4, "IDRef",
                5, "Branch", 6, "MutableNode", 7, "ParentRef", 8, "CommitRef", 9, "GPBType", 11, "IonMsg");
        core.forEach((id, name) -> assertEquals("ion.object." + name,
                registry.prototype(TypeId.of(id)).getDescriptorForType().getFullName(), "type id " + id));
        assertEquals("ion.object.Person", registry.prototype(TypeId.of(20001)).getDescriptorForType().getFullName());
        assertEquals("ion.object.OOIResource",
                registry.prototype(TypeId.of(1102)).getDescriptorForType().getFullName());
    }

    @Test
    void everyRegisteredTypeRoundTripsBetweenIdAndMessage() {
        for (TypeId id : registry.known()) {
            Message prototype = registry.prototype(id);
            assertEquals(id, registry.typeOf(prototype), prototype.getDescriptorForType().getFullName());
            assertEquals(id, registry.typeOf(prototype.toBuilder()));
        }
        assertEquals(17, registry.known().size());
    }

    @Test
    void theAliasedStructureElementIdIsRead() {
        assertEquals(TypeId.of(1), TypeRegistry.declaredTypeId(StructureElement.getDescriptor()).orElseThrow());
    }

    @Test
    void anUnknownIdIsReportedWithTheKnownOnes() {
        UnknownTypeException e = assertThrows(UnknownTypeException.class, () -> registry.prototype(TypeId.of(10)));

        assertEquals(TypeId.of(10), e.typeId().orElseThrow());
        assertTrue(e.getMessage().startsWith("unknown type id 10/v1; known: 1/v1, 2/v1, 3/v1, 4/v1, 5/v1, 6/v1, 7/v1, "
                + "8/v1, 9/v1, 11/v1, 1101/v1, 1102/v1, 4401/v1, 4402/v1, 20001/v1"), e.getMessage());
        assertTrue(registry.find(TypeId.of(10)).isEmpty());
        assertFalse(registry.knows(TypeId.of(10)));
    }

    @Test
    void anotherVersionOfAKnownIdIsUnknown() {
        assertThrows(UnknownTypeException.class, () -> registry.prototype(new TypeId(20001, 2)));
    }

    @Test
    void aNestedPartWithoutIdHasNoType() {
        UnknownTypeException e = assertThrows(UnknownTypeException.class,
                () -> registry.typeOf(Person.PhoneNumber.getDefaultInstance()));

        assertTrue(e.getMessage().startsWith("message type ion.object.Person.PhoneNumber declares no type id"),
                e.getMessage());
        assertTrue(e.typeId().isEmpty());
    }

    @Test
    void aTypeOutsideTheRegistryIsNamed() {
        TypeRegistry small = TypeRegistry.builder().add(Person.getDefaultInstance()).build();

        UnknownTypeException e = assertThrows(UnknownTypeException.class,
                () -> small.typeOf(AddressBook.getDefaultInstance()));

        assertEquals("message type ion.object.AddressBook is not registered; known: 20001/v1", e.getMessage());
    }

    @Test
    void anIdCannotBeRegisteredForTwoTypes() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add(Person.getDefaultInstance());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.add(TypeId.of(20001), IonMsg.getDefaultInstance()));

        assertEquals("type id 20001/v1 is already registered for ion.object.Person, not ion.object.IonMsg",
                e.getMessage());
    }

    @Test
    void aTypeWithoutDeclaredIdNeedsAnExplicitOne() {
        assertThrows(IllegalArgumentException.class,
                () -> TypeRegistry.builder().add(Person.PhoneNumber.getDefaultInstance()));

        TypeRegistry custom = TypeRegistry.builder().add(TypeId.of(30000), Person.PhoneNumber.getDefaultInstance())
                .addAll(registry).build();

        assertEquals(TypeId.of(30000), custom.typeOf(Person.PhoneNumber.getDefaultInstance()));
        assertSame(Person.getDefaultInstance(), custom.prototype(TypeId.of(20001)));
    }
}
