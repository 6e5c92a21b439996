package dev.retain.platform.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.sso.OidcSettings;
import dev.retain.platform.sso.SingleSignOnRefusal;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The home page (the blocks of every module meant for the signed-in user's roles) and the sign-in page. */
@Controller
class HomeController {

    private final List<HomeBlock> blocks;
    private final UserAccounts users;
    private final boolean demo;
    private final ObjectProvider<OidcSettings> singleSignOn;

    HomeController(
            List<HomeBlock> blocks,
            UserAccounts users,
            @Value("${retain.demo.enabled:false}") boolean demo,
            ObjectProvider<OidcSettings> singleSignOn) {
        this.blocks = blocks.stream()
                .sorted(Comparator.comparingInt(block -> block.heading().order()))
                .toList();
        this.users = users;
        this.demo = demo;
        this.singleSignOn = singleSignOn;
    }

    @GetMapping("/")
    String home(Principal principal, Model model) {
        List<ShownHomeBlock> shown =
                users.findByUsername(principal.getName()).map(this::blocksFor).orElse(List.of());
        model.addAttribute("blocks", shown);
        return "platform/home";
    }

    private List<ShownHomeBlock> blocksFor(UserAccount viewer) {
        return blocks.stream()
                .filter(block -> block.heading().roles().stream().anyMatch(viewer.roles()::contains))
                .map(block -> new ShownHomeBlock(block, block.contentFor(viewer), block.link(viewer)))
                .toList();
    }

    @GetMapping("/login")
    String login(@RequestParam(name = "sso", required = false) String ssoRefusal, Model model) {
        model.addAttribute("demoPassword", demo ? UserAccounts.DEMO_PASSWORD : null);
        OidcSettings provider = singleSignOn.getIfAvailable();
        model.addAttribute("singleSignOn", provider == null ? null : provider.displayName());
        model.addAttribute(
                "singleSignOnRefusal",
                ssoRefusal == null
                        ? null
                        : SingleSignOnRefusal.fromParameter(ssoRefusal).parameter());
        return "platform/login";
    }
}
