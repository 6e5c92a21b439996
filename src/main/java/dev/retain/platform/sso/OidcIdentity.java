package dev.retain.platform.sso;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who the provider says signed in: its issuer and the person's subject there (together, the link to a Retain user),
 * the username, name and email it gives, and the values of the group claim.
 *
 * @param username null when the provider sent none
 */
public record OidcIdentity(
        String issuer, String subject, String username, String displayName, String email, List<String> groups) {

    /** Reads the identity from the claims of the ID token and user info, as the settings name them. */
    static OidcIdentity from(String issuer, Map<String, Object> claims, OidcSettings settings) {
        return new OidcIdentity(
                issuer,
                text(claim(claims, "sub")),
                text(claim(claims, settings.usernameClaim())),
                text(claim(claims, "name")),
                text(claim(claims, "email")),
                texts(claim(claims, settings.rolesClaim())));
    }

    /**
     * A claim by its name, or else by a dotted path into nested claims ({@code realm_access.roles} in Keycloak's
     * tokens); names with dots of their own, such as {@code https://example.com/groups}, are found by the first look.
     */
    static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object value = claims;
        for (String part : name.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /** A list claim's values, or a single value as a list of one. */
    private static List<String> texts(Object value) {
        var values = new ArrayList<String>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(element -> {
                String text = text(element);
                if (text != null) {
                    values.add(text);
                }
            });
        } else if (text(value) != null) {
            values.add(text(value));
        }
        return List.copyOf(values);
    }
}
