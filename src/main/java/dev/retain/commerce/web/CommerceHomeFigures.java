package dev.retain.commerce.web;

import dev.retain.commerce.Orders;
import dev.retain.platform.HomeFigure;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Orders and recent revenue on the home page. */
@Component
class CommerceHomeFigures implements HomeFigure {

    private final Orders orders;

    CommerceHomeFigures(Orders orders) {
        this.orders = orders;
    }

    @Override
    public List<Figure> figures() {
        var numbers = NumberFormat.getIntegerInstance(Locale.ROOT);
        return List.of(
                new Figure("home.orders", numbers.format(orders.count()), null, 20),
                new Figure(
                        "home.revenue30",
                        "¥" + numbers.format(orders.revenueOfLastDays(30).setScale(0, RoundingMode.HALF_UP)),
                        null,
                        30));
    }
}
