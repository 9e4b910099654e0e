package ion.services.registry;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The life-cycle state of a registered resource, with its legal transitions:
 *
 * <table>
 *   <caption>Legal transitions</caption>
 *   <tr><th>from</th><th>to</th></tr>
 *   <tr><td>New</td><td>Active</td></tr>
 *   <tr><td>Active</td><td>Inactive, Decommissioned</td></tr>
 *   <tr><td>Inactive</td><td>Active, Decommissioned</td></tr>
 *   <tr><td>Decommissioned</td><td>Retired</td></tr>
 *   <tr><td>Retired</td><td>none (final)</td></tr>
 * </table>
 *
 * A registered resource starts in {@code New}. A transition to the current state is not legal.
 */
public enum LifeCycleState {
    NEW("New"),
    ACTIVE("Active"),
    INACTIVE("Inactive"),
    DECOMMISSIONED("Decommissioned"),
    RETIRED("Retired");

    private final String label;

    LifeCycleState(String label) {
        this.label = label;
    }

    /** The name on the wire and in the index, e.g. {@code Active}. */
    public String label() {
        return label;
    }

    /** The states this one may move to; empty for {@link #RETIRED}. */
    public Set<LifeCycleState> allowedTargets() {
        return switch (this) {
            case NEW -> Set.of(ACTIVE);
            case ACTIVE -> Set.of(INACTIVE, DECOMMISSIONED);
            case INACTIVE -> Set.of(ACTIVE, DECOMMISSIONED);
            case DECOMMISSIONED -> Set.of(RETIRED);
            case RETIRED -> Set.of();
        };
    }

    /** Whether moving from this state to {@code target} is legal. */
    public boolean canMoveTo(LifeCycleState target) {
        return allowedTargets().contains(target);
    }

    /** The state with this label (exact spelling, e.g. {@code Decommissioned}). */
    public static Optional<LifeCycleState> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
