package dev.retain.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SidebarTests {

    static final NavigationItem HOME = new NavigationItem(NavigationGroup.WORKBENCH, "/", "nav.home", 0);
    static final NavigationItem CUSTOMERS =
            new NavigationItem(NavigationGroup.CUSTOMERS, "/customers", "nav.customers", 10);
    static final NavigationItem DUPLICATES =
            new NavigationItem(NavigationGroup.CUSTOMERS, "/customers/duplicates", "nav.duplicates", 15);
    static final NavigationItem USERS =
            new NavigationItem(NavigationGroup.SETTINGS, "/admin/users", "nav.users", 900, Set.of(Role.ADMIN));
    static final NavigationItem PIPELINE = new NavigationItem(NavigationGroup.SALES, "/pipeline", "nav.pipeline", 5);
    static final List<NavigationItem> ALL = List.of(USERS, DUPLICATES, PIPELINE, CUSTOMERS, HOME);

    @Test
    void groupsStandInTheirOrderWithTheirEntriesInTheirs() {
        Sidebar sidebar = Sidebar.of(ALL, Set.of(Role.ADMIN), "/");

        assertThat(sidebar.sections())
                .extracting(Sidebar.Section::group)
                .containsExactly(
                        NavigationGroup.WORKBENCH,
                        NavigationGroup.CUSTOMERS,
                        NavigationGroup.SALES,
                        NavigationGroup.SETTINGS);
        assertThat(sidebar.sections().get(1).items()).containsExactly(CUSTOMERS, DUPLICATES);
    }

    @Test
    void aGroupWithoutAnEntryTheRoleMayOpenIsLeftOut() {
        Sidebar sidebar = Sidebar.of(ALL, Set.of(Role.SALES), "/");

        assertThat(sidebar.sections()).extracting(Sidebar.Section::group).doesNotContain(NavigationGroup.SETTINGS);
    }

    @Test
    void theMostSpecificEntryOfTheCurrentPageIsActive() {
        assertThat(Sidebar.of(ALL, Set.of(Role.ADMIN), "/customers/duplicates").activePath())
                .isEqualTo("/customers/duplicates");
        assertThat(Sidebar.of(ALL, Set.of(Role.ADMIN), "/customers/42").activePath())
                .isEqualTo("/customers");
        assertThat(Sidebar.of(ALL, Set.of(Role.ADMIN), "/customers-export").activePath())
                .isNull();
        assertThat(Sidebar.of(ALL, Set.of(Role.ADMIN), "/").activePath()).isEqualTo("/");
        assertThat(Sidebar.of(ALL, Set.of(Role.ADMIN), "/segments").activePath())
                .isNull();
    }
}
