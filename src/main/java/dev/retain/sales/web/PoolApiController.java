package dev.retain.sales.web;

import dev.retain.platform.PageOf;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.ViewerScope;
import dev.retain.sales.Pool;
import dev.retain.sales.PoolClaims;
import dev.retain.sales.PoolCustomers;
import dev.retain.sales.PoolCustomers.WaitingCustomer;
import dev.retain.sales.PoolReclaims;
import dev.retain.sales.Pools;
import dev.retain.sales.Pools.PoolSettings;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/pools}: the public pools (公海) — their rules (admins), the customers waiting in them, claiming,
 * releasing and assigning customers, the reclaim run on demand, and the caller's customers due back soon.
 */
@RestController
@Tag(name = "Pools")
class PoolApiController {

    /** Who works with pools: the sales team and those who lead it. */
    static final String POOL_USERS = "hasAnyRole('ADMIN', 'MANAGER', 'SALES')";

    static final String LEADERS = "hasAnyRole('ADMIN', 'MANAGER')";

    record ClaimRequest(@NotNull Long customerId) {}

    record Claimed(long customerId, long ownerId) {}

    record ReleaseRequest(List<Long> customerIds, Long poolId, String reason) {}

    record AssignRequest(List<Long> customerIds, @NotNull Long ownerId, String reason) {}

    record Moved(List<Long> customerIds) {}

    record LockRequest(String reason) {}

    private final Pools pools;
    private final PoolCustomers waiting;
    private final PoolClaims claims;
    private final PoolReclaims reclaims;
    private final UserAccounts users;

    PoolApiController(
            Pools pools, PoolCustomers waiting, PoolClaims claims, PoolReclaims reclaims, UserAccounts users) {
        this.pools = pools;
        this.waiting = waiting;
        this.claims = claims;
        this.reclaims = reclaims;
        this.users = users;
    }

    /** The pools the caller may see into (all of them for admins and system keys). */
    @GetMapping("/api/v1/pools")
    @PreAuthorize(POOL_USERS)
    List<Pool> list() {
        return users.current().map(pools::visibleTo).orElseGet(pools::list);
    }

    @GetMapping("/api/v1/pools/{id}")
    @PreAuthorize(POOL_USERS)
    Pool get(@PathVariable long id) {
        return visible(id);
    }

    @PostMapping("/api/v1/pools")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    Pool create(@RequestBody PoolSettings settings) {
        return pools.create(settings);
    }

    @PutMapping("/api/v1/pools/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    Pool update(@PathVariable long id, @RequestBody PoolSettings settings) {
        return pools.update(id, settings);
    }

    /** The default pool and pools customers belong to stay (409). */
    @DeleteMapping("/api/v1/pools/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    void delete(@PathVariable long id) {
        pools.delete(id);
    }

    /** The customers waiting in the pool, newest first, with the pool's hidden fields left out. */
    @GetMapping("/api/v1/pools/{id}/customers")
    @PreAuthorize(POOL_USERS)
    PageOf<WaitingCustomer> customers(
            @PathVariable long id,
            @RequestParam(required = false) String text,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        visible(id);
        return waiting.waitingIn(id, text, page, size);
    }

    /** Claims one customer for the caller: 409 saying why when someone was quicker or a rule says no. */
    @PostMapping("/api/v1/pools/claims")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(POOL_USERS)
    Claimed claim(@Valid @RequestBody ClaimRequest request) {
        claims.claim(request.customerId());
        return new Claimed(request.customerId(), me());
    }

    /** Gives customers back, to a chosen pool or each to its own, with a reason. */
    @PostMapping("/api/v1/pools/releases")
    @PreAuthorize(POOL_USERS)
    Moved release(@RequestBody ReleaseRequest request) {
        return new Moved(claims.release(request.customerIds(), request.poolId(), request.reason()));
    }

    /** Gives waiting customers to someone: managers, or an admin of their pool to one of its members. */
    @PostMapping("/api/v1/pools/assignments")
    @PreAuthorize(POOL_USERS)
    Moved assign(@Valid @RequestBody AssignRequest request) {
        return new Moved(claims.assign(request.customerIds(), request.ownerId(), request.reason()));
    }

    /** Runs the reclaim now instead of waiting for the night. */
    @PostMapping("/api/v1/pools/reclaims")
    @PreAuthorize(LEADERS)
    PoolReclaims.Result reclaim() {
        // the company's run, whoever starts it: it looks at every owned customer, not only those the starter sees
        return ViewerScope.EVERYTHING.within(reclaims::run);
    }

    /**
     * Customers going back to a pool within {@code days} days, soonest first: the caller's own, or for a system key
     * everyone's (or one owner's) that the key may see.
     */
    @GetMapping("/api/v1/pools/due")
    @PreAuthorize(POOL_USERS)
    List<PoolReclaims.Due> due(
            @RequestParam(defaultValue = "7") int days, @RequestParam(required = false) Long ownerId) {
        int within = Math.max(0, Math.min(days, 365));
        Long owner = users.current().map(UserAccount::id).orElse(ownerId);
        return owner == null ? reclaims.dueWithin(within) : reclaims.dueFor(owner, within);
    }

    /** Keeps the customer with its owner whatever the reclaim rules say, until unlocked. */
    @PutMapping("/api/v1/customers/{id}/pool-lock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(LEADERS)
    void lock(@PathVariable long id, @RequestBody LockRequest request) {
        claims.lock(id, request.reason());
    }

    @DeleteMapping("/api/v1/customers/{id}/pool-lock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(LEADERS)
    void unlock(@PathVariable long id) {
        claims.unlock(id);
    }

    private long me() {
        return users.current()
                .orElseThrow(
                        () -> new AccessDeniedException("Only a person has customers of their own, not a system key"))
                .id();
    }

    private Pool visible(long id) {
        return users.current().map(user -> pools.findFor(user, id)).orElseGet(() -> pools.find(id));
    }
}
