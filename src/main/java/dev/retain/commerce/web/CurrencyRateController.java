package dev.retain.commerce.web;

import dev.retain.commerce.CurrencyRates;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Admins keep the exchange rates: a page at /admin/currency-rates and {@code /api/v1/currency-rates}. */
@Controller
class CurrencyRateController {

    private final CurrencyRates rates;

    CurrencyRateController(CurrencyRates rates) {
        this.rates = rates;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationItem currencyRatesNavigation() {
            return new NavigationItem(
                    NavigationGroup.SETTINGS, "/admin/currency-rates", "nav.currencyRates", 940, Set.of(Role.ADMIN));
        }
    }

    record RateRequest(BigDecimal rate) {}

    @GetMapping("/admin/currency-rates")
    @PreAuthorize("hasRole('ADMIN')")
    String page(Model model) {
        model.addAttribute("rates", new TreeMap<>(rates.all()));
        return "commerce/currency-rates";
    }

    @PostMapping("/admin/currency-rates")
    @PreAuthorize("hasRole('ADMIN')")
    String set(@RequestParam String currency, @RequestParam String rate, Model model) {
        try {
            rates.set(currency, new BigDecimal(rate.strip()));
        } catch (NumberFormatException e) {
            model.addAttribute("error", "'" + rate + "' is not a number");
            return page(model);
        } catch (InvalidInputException e) {
            model.addAttribute("error", String.join("; ", e.fieldErrors().values()));
            return page(model);
        }
        return "redirect:/admin/currency-rates";
    }

    @GetMapping("/api/v1/currency-rates")
    @ResponseBody
    Map<String, BigDecimal> list() {
        return new TreeMap<>(rates.all());
    }

    @PutMapping("/api/v1/currency-rates/{currency}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void put(@PathVariable String currency, @RequestBody RateRequest request) {
        rates.set(currency, request.rate());
    }
}
