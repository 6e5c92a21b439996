package dev.retain.platform.sso;

import dev.retain.platform.AuditLog;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Retain user behind a single sign-on. Found by the provider's issuer and subject; on the first sign-in linked to
 * the user of the same username, or created (without a password) with the roles of the person's groups. On every
 * sign-in the roles follow the groups again, since the provider is where they are kept. A disabled user, or someone
 * whose groups give no role, is refused. Creations, links and role changes are audited as done by single sign-on.
 */
@Service
@Conditional(OidcConfigured.class)
public class SingleSignOnAccounts {

    /** The actor of the audit entries written on a sign-in: the provider's word, not a person's action. */
    public static final String ACTOR = "single-sign-on";

    /** The usernames {@link UserAccounts} accepts. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

    private record Link(long id, String issuer) {}

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final AuditLog audit;
    private final Clock clock;
    private final OidcSettings settings;

    SingleSignOnAccounts(JdbcClient jdbc, UserAccounts users, AuditLog audit, Clock clock, OidcSettings settings) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** The user to sign in, with their roles brought up to date; refused with the reason otherwise. */
    @Transactional
    public UserAccount signIn(OidcIdentity identity) {
        Set<Role> roles = settings.roleMapping().rolesFor(identity.groups());
        UserAccount user = linked(identity).orElseGet(() -> linkOrCreate(identity, roles));
        if (!user.enabled()) {
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.DISABLED, user.username());
        }
        if (roles.isEmpty()) {
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.NO_ROLE, user.username());
        }
        Set<Role> granted = keepingTheLastAdmin(user, roles);
        return granted.equals(user.roles()) ? user : changeRoles(user, granted);
    }

    /**
     * The roles the groups give, and ADMIN as well where the user is the last enabled admin: a provider that drops them
     * from the admins' group would otherwise leave nobody to manage users.
     */
    private Set<Role> keepingTheLastAdmin(UserAccount user, Set<Role> roles) {
        if (roles.contains(Role.ADMIN) || !user.roles().contains(Role.ADMIN)) {
            return roles;
        }
        long admins = jdbc.sql("select count(*) from users where enabled and 'ADMIN' = any(roles)")
                .query(Long.class)
                .single();
        if (admins > 1) {
            return roles;
        }
        Set<Role> kept = EnumSet.copyOf(roles);
        kept.add(Role.ADMIN);
        return kept;
    }

    private Optional<UserAccount> linked(OidcIdentity identity) {
        return jdbc.sql("select id from users where sso_issuer = ? and sso_subject = ?")
                .params(identity.issuer(), identity.subject())
                .query(Long.class)
                .optional()
                .map(users::find);
    }

    private UserAccount linkOrCreate(OidcIdentity identity, Set<Role> roles) {
        String username = identity.username();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.NO_USERNAME, username);
        }
        // An exact match first; otherwise the same name in another case (providers differ in how they write names)
        Optional<Link> existing = jdbc.sql("""
                        select id, sso_issuer from users where lower(username) = lower(?)
                        order by username = ? desc limit 1""")
                .params(username, username)
                .query((rs, row) -> new Link(rs.getLong("id"), rs.getString("sso_issuer")))
                .optional();
        if (existing.isPresent()) {
            return link(existing.get(), identity);
        }
        if (!settings.createUsers()) {
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.UNKNOWN_USER, username);
        }
        if (roles.isEmpty()) {
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.NO_ROLE, username);
        }
        return create(identity, roles);
    }

    /**
     * Links a user to the person the provider names. A user already linked to someone else at this provider stays
     * theirs; one linked at a provider no longer configured is linked anew.
     */
    private UserAccount link(Link existing, OidcIdentity identity) {
        UserAccount user = users.find(existing.id());
        if (identity.issuer().equals(existing.issuer())) {
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.TAKEN, user.username());
        }
        jdbc.sql("update users set sso_issuer = ?, sso_subject = ?, updated_at = ? where id = ?")
                .params(identity.issuer(), identity.subject(), Timestamp.from(clock.instant()), existing.id())
                .update();
        audit.recordAs(
                ACTOR,
                "link-single-sign-on",
                "user",
                existing.id(),
                null,
                Map.of("issuer", identity.issuer(), "subject", identity.subject()));
        return user;
    }

    private UserAccount create(OidcIdentity identity, Set<Role> roles) {
        var now = Timestamp.from(clock.instant());
        long id;
        try {
            id = jdbc.sql("""
                            insert into users (username, display_name, email, password_hash, roles, enabled,
                                               created_at, updated_at, demo_password, sso_issuer, sso_subject)
                            values (?, ?, ?, null, ?::text[], true, ?, ?, false, ?, ?) returning id""")
                    .params(
                            identity.username(),
                            identity.displayName() == null ? identity.username() : identity.displayName(),
                            identity.email(),
                            roleArray(roles),
                            now,
                            now,
                            identity.issuer(),
                            identity.subject())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            // The same person's first sign-in twice at once: the other one created the user
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.FAILED, identity.username());
        }
        UserAccount created = users.find(id);
        audit.recordAs(ACTOR, "create", "user", id, null, created);
        return created;
    }

    private UserAccount changeRoles(UserAccount before, Set<Role> roles) {
        jdbc.sql("update users set roles = ?::text[], updated_at = ? where id = ?")
                .params(roleArray(roles), Timestamp.from(clock.instant()), before.id())
                .update();
        UserAccount after = users.find(before.id());
        audit.recordAs(
                ACTOR,
                "change-roles",
                "user",
                before.id(),
                Map.of("roles", roleArray(before.roles())),
                Map.of("roles", roleArray(after.roles())));
        return after;
    }

    private static String[] roleArray(Collection<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }
}
