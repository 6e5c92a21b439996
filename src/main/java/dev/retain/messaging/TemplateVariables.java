package dev.retain.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The variables a template may use. Custom fields count only when defined; anything else is reported, so a typo is
 * caught when a template or journey is saved instead of rendering blank in front of customers.
 */
final class TemplateVariables {

    static final List<String> KNOWN = List.of(
            "customer.name",
            "customer.firstName",
            "customer.city",
            "customer.email",
            "customer.phone",
            "coupon.code",
            "coupon.description",
            "recommendations",
            "unsubscribe_url");

    static final String CUSTOM_PREFIX = "customer.custom.";

    private TemplateVariables() {}

    /** The placeholders of these texts that are unknown, each once, in order of appearance. */
    static List<String> unknown(Set<String> customFieldKeys, String... texts) {
        var unknown = new LinkedHashSet<String>();
        for (String text : texts) {
            for (String path : Placeholders.paths(text)) {
                if (!known(path, customFieldKeys)) {
                    unknown.add(path);
                }
            }
        }
        return new ArrayList<>(unknown);
    }

    private static boolean known(String path, Set<String> customFieldKeys) {
        if (KNOWN.contains(path)) {
            return true;
        }
        return path.startsWith(CUSTOM_PREFIX) && customFieldKeys.contains(path.substring(CUSTOM_PREFIX.length()));
    }
}
