package io.lmi.controlplane.core.cost;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EC2 instance type name split the way sizing needs it: m7g.xlarge is class m, generation 7g, size xlarge.
 *
 * @param familyClass the series letter(s): c (compute), m (general), r (memory)
 * @param generation what follows the class in the family: 7g, 7i, 6a, 5
 */
public record InstanceTypeName(String familyClass, String generation, String size) {
    private static final Pattern NAME = Pattern.compile("^([a-z]+?)([0-9]+[a-z-]*)\\.([a-z0-9]+)$");

    public static Optional<InstanceTypeName> tryParse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(name.trim());
        return m.matches() ? Optional.of(new InstanceTypeName(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    public String family() {
        return familyClass + generation;
    }

    public String name() {
        return family() + "." + size;
    }
}
