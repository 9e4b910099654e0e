package ion.object.messaging;

import com.google.protobuf.ByteString;
import ion.core.intercept.InterceptContext;
import ion.core.intercept.Interceptor;
import ion.core.intercept.Verdict;
import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.object.ObjectException;
import ion.object.StructureCodec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates between R1's GPB content and typed objects, the way R1's codec interceptor did. Inbound, the
 * {@code byte[]} content of a message whose {@code encoding} is {@value Message#GPB_ENCODING} (any case) is
 * unpacked and verified into an {@link ObjectMessage}; content that is not a valid Structure (cut short, a key
 * that does not match its value, a dangling link, an unknown type id, no head) is refused with
 * {@link ResponseCodes#BAD_REQUEST} and a reason naming the problem, and the receiving process never sees it.
 * Outbound, an {@link ObjectMessage} content, or a protobuf message of a registered type (sent as an
 * {@code IonMsg} head linking to it), becomes the Structure bytes and {@code encoding} is set to
 * {@value Message#GPB_ENCODING}; a received {@code ObjectMessage} is sent in the bytes it came in.
 */
public final class GpbCodecInterceptor implements Interceptor {
    /** The configuration name. */
    public static final String NAME = "gpb";

    private static final String GPB_UPPER = Message.GPB_ENCODING.toUpperCase(Locale.ROOT);

    private final StructureCodec codec;

    /** An interceptor for the types of {@link ion.object.TypeRegistry#standard()}. */
    public GpbCodecInterceptor() {
        this(StructureCodec.standard());
    }

    /** An interceptor for the types of this codec's registry. */
    public GpbCodecInterceptor(StructureCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict outbound(Message message, InterceptContext context) {
        Optional<Object> content = message.content();
        ObjectMessage objects;
        if (content.isPresent() && content.get() instanceof ObjectMessage m) {
            objects = m;
        } else if (content.isPresent() && content.get() instanceof com.google.protobuf.Message m) {
            try {
                objects = ObjectMessage.of(m, codec.registry());
            } catch (ObjectException e) {
                return Verdict.drop(NAME, "cannot send a " + m.getDescriptorForType().getFullName() + ": "
                        + e.getMessage());
            }
        } else {
            return Verdict.proceed(message);
        }
        return Verdict.proceed(message.toBuilder()
                .header(HeaderNames.ENCODING, Message.GPB_ENCODING)
                .content(objects.toBytes().toByteArray())
                .build());
    }

    @Override
    public Verdict inbound(Message message, InterceptContext context) {
        if (!isGpb(message.headers().get(HeaderNames.ENCODING))) {
            return Verdict.proceed(message);
        }
        Optional<Object> content = message.content();
        if (content.isEmpty()) {
            return Verdict.proceed(message);
        }
        if (!(content.get() instanceof byte[] bytes)) {
            return Verdict.reject(NAME, "content with encoding '" + Message.GPB_ENCODING
                    + "' must be binary Structure bytes but is " + Message.describeType(content.get()),
                    ResponseCodes.BAD_REQUEST);
        }
        try {
            ObjectMessage objects = ObjectMessage.decode(ByteString.copyFrom(bytes), codec);
            return Verdict.proceed(message.toBuilder().content(objects).build());
        } catch (ObjectException | IllegalArgumentException e) {
            return Verdict.reject(NAME, "malformed GPB content (" + bytes.length + " bytes): " + e.getMessage(),
                    ResponseCodes.BAD_REQUEST);
        }
    }

    private static boolean isGpb(Object encoding) {
        String text = encoding instanceof String s ? s
                : encoding instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : "";
        return text.toUpperCase(Locale.ROOT).equals(GPB_UPPER);
    }
}
