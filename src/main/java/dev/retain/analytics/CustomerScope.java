package dev.retain.analytics;

/**
 * Which customers and which spend a figure counts: members of a segment or tag, of a region, of an owner; and orders
 * counted by their lines in one category only. Every part is optional; an empty scope counts everyone and every paid
 * order.
 */
public record CustomerScope(Long segmentId, String region, Long ownerId, String category) {

    public static final CustomerScope EVERYONE = new CustomerScope(null, null, null, null);

    public CustomerScope {
        region = blankToNull(region);
        category = blankToNull(category);
    }

    public boolean narrowsCustomers() {
        return segmentId != null || region != null || ownerId != null;
    }

    public boolean isEveryone() {
        return !narrowsCustomers() && category == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
