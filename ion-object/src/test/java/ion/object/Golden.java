package ion.object;

import com.google.protobuf.ByteString;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import java.util.HexFormat;

/** The golden vectors recorded from R1's Java client (and checked with Python), and the objects behind them. */
final class Golden {
    static final String PERSON_VALUE = "0A05446176696410051A0364407822070A033132331002";
    static final String PERSON_TYPE = "08A19C011001";
    static final String PERSON_KEY = "17D58E371069567883E4E088589E38A3EC125256";
    static final String HEAD_KEY = "76A674AB821AB33B91CFE9E681C49130D13FB34C";
    static final String STRUCTURE = "0A520A1476A674AB821AB33B91CFE9E681C49130D13FB34C1204080B1001180022320A0568656C"
            + "6C6F12076964656E742D3122200A1417D58E371069567883E4E088589E38A3EC125256120608A19C011001180112390A14"
            + "17D58E371069567883E4E088589E38A3EC125256120608A19C011001180122170A05446176696410051A03644078220"
            + "70A033132331002";
    /** An R1 request message body (msgpack) whose content is the structure above. */
    static final String BODY = "8DA26F70AC68656C6C6F5F706572736F6EA7636F6E762D6964A22330A87265636569766572B36D79"
            + "7379732E68656C6C6F5F6D657373616765AC706572666F726D6174697665A772657175657374A7757365722D6964A9414E"
            + "4F4E594D4F5553A8656E636F64696E67AA494F4E20523120475042A7636F6E74656E74DA008F0A520A1476A674AB821AB3"
            + "3B91CFE9E681C49130D13FB34C1204080B1001180022320A0568656C6C6F12076964656E742D3122200A1417D58E3710"
            + "69567883E4E088589E38A3EC125256120608A19C011001180112390A1417D58E371069567883E4E088589E38A3EC12525"
            + "6120608A19C011001180122170A05446176696410051A0364407822070A033132331002A870726F746F636F6CA3727063"
            + "A8636F6E762D73657101A673656E646572AB326631652D757569642E31A6657870697279A130A87265706C792D746FAB"
            + "326631652D757569642E31AF6163636570742D656E636F64696E67B56170706C69636174696F6E2F696F6E2D6A736F6E64";

    private Golden() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static ByteString byteString(String hex) {
        return ByteString.copyFrom(bytes(hex));
    }

    static String hex(ByteString bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes.toByteArray());
    }

    static Person person() {
        return Person.newBuilder()
                .setName("David")
                .setId(5)
                .setEmail("d@x")
                .addPhone(Person.PhoneNumber.newBuilder().setNumber("123").setType(Person.PhoneType.WORK))
                .build();
    }

    static IonMsg message(Element payload) {
        return IonMsg.newBuilder().setName("hello").setIdentity("ident-1").setMessageObject(payload.link()).build();
    }
}
