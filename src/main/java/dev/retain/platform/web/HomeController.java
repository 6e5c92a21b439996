package dev.retain.platform.web;

import dev.retain.platform.HomeFigure;
import dev.retain.platform.UserAccounts;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page (headline figures from every module) and the sign-in page. */
@Controller
class HomeController {

    private final List<HomeFigure> figures;
    private final boolean demo;

    HomeController(List<HomeFigure> figures, @Value("${retain.demo.enabled:false}") boolean demo) {
        this.figures = figures;
        this.demo = demo;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute(
                "figures",
                figures.stream()
                        .flatMap(figure -> figure.figures().stream())
                        .sorted(Comparator.comparingInt(HomeFigure.Figure::order))
                        .toList());
        return "platform/home";
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("demoPassword", demo ? UserAccounts.DEMO_PASSWORD : null);
        return "platform/login";
    }
}
