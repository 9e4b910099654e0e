package ion.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void personKeyIsTheGoldenKey() {
        ObjectKey key = Keys.of(Golden.bytes(Golden.PERSON_VALUE), TypeId.of(20001));

        assertEquals(Golden.PERSON_KEY, key.toString());
    }

    @Test
    void theTypeIsSerializedAsTheGoldenGpbType() {
        assertEquals(Golden.PERSON_TYPE, Golden.hex(TypeId.of(20001).toGpbType().toByteString()));
    }

    @Test
    void equalBytesOfAnotherTypeGetAnotherKey() {
        ByteString value = Golden.byteString(Golden.PERSON_VALUE);

        assertNotEquals(Keys.of(value, TypeId.of(20001)), Keys.of(value, TypeId.of(20003)));
        assertNotEquals(Keys.of(value, TypeId.of(20001)), Keys.of(value, new TypeId(20001, 2)));
    }

    @Test
    void anEmptyValueHasAKeyOfItsType() {
        assertNotEquals(Keys.of(ByteString.EMPTY, TypeId.of(3)), Keys.of(ByteString.EMPTY, TypeId.of(4)));
    }

    @Test
    void keysAreEqualByValueAndPrintAsUpperCaseHex() {
        ObjectKey key = ObjectKey.fromHex(Golden.PERSON_KEY.toLowerCase());

        assertEquals(ObjectKey.fromHex(Golden.PERSON_KEY), key);
        assertEquals(ObjectKey.fromHex(Golden.PERSON_KEY).hashCode(), key.hashCode());
        assertEquals(Golden.PERSON_KEY, key.toString());
        assertEquals(20, key.toByteArray().length);
    }

    @Test
    void aKeyThatIsNotTwentyBytesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObjectKey.of(new byte[19]));
        assertEquals("an object key has 20 bytes, not 19", e.getMessage());
    }
}
