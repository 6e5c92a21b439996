package dev.retain.coupons;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * The coupon events published while it is open, from any thread; added to the shared application context for one
 * test, so no test needs a context of its own.
 */
final class CapturedCouponEvents implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final ApplicationListener<PayloadApplicationEvent<?>> listener = event -> {
        Object payload = event.getPayload();
        if (payload instanceof CouponIssued || payload instanceof CouponRedeemed) {
            events.add(payload);
        }
    };

    CapturedCouponEvents(ConfigurableApplicationContext context) {
        this.context = context;
        context.addApplicationListener(listener);
    }

    <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        context.removeApplicationListener(listener);
    }
}
