package dev.retain.sales;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.Pools.PoolSettings;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** People, pools and customers for the pool tests, each named with the test's token so tests never meet. */
final class PoolFixtures {

    static final String PASSWORD = "pool test password";

    private final UserAccounts users;
    private final Pools pools;
    private final Customers customers;
    final String token = Long.toString(System.nanoTime(), 36);

    PoolFixtures(UserAccounts users, Pools pools, Customers customers) {
        this.users = users;
        this.pools = pools;
        this.customers = customers;
    }

    long user(String name, Role role) {
        return users.create(new UserAccounts.NewUser(username(name), name, null, PASSWORD, Set.of(role)))
                .id();
    }

    String username(String name) {
        return name + "-" + token;
    }

    Pool pool(PoolSettings settings) {
        return pools.create(settings);
    }

    Customer customer(String name, Long ownerId) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                name + " " + token,
                "138%08d".formatted(Math.floorMod(name.hashCode() * 31L + token.hashCode(), 100_000_000L)),
                null,
                null,
                null,
                "杭州",
                null,
                null,
                ownerId,
                null,
                null,
                "test",
                Map.of()));
    }

    /** Runs the work as the user, signed in as far as the services can tell. */
    <T> T as(String name, Supplier<T> work) {
        var roles = users.findByUsername(username(name)).orElseThrow().roles();
        var signedIn = new UsernamePasswordAuthenticationToken(
                username(name),
                null,
                roles.stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                        .toList());
        var before = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(signedIn);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }

    void as(String name, Runnable work) {
        as(name, () -> {
            work.run();
            return null;
        });
    }
}
