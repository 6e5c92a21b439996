package dev.retain.coupons.web;

import dev.retain.coupons.CouponDetails;
import dev.retain.coupons.CouponUnavailableException;
import dev.retain.coupons.Coupons;
import dev.retain.coupons.IssuedCoupon;
import dev.retain.coupons.Redemption;
import dev.retain.customers.Customers;
import dev.retain.platform.NotFoundException;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A customer's coupons, one coupon by its code, redeeming it at a checkout, and voiding it. */
@RestController
@Tag(name = "Coupons")
class CouponApiController {

    private final Coupons coupons;
    private final Customers customers;

    CouponApiController(Coupons coupons, Customers customers) {
        this.coupons = coupons;
        this.customers = customers;
    }

    /** Every coupon of the customer, newest first, with the discount of the redeemed ones. */
    @GetMapping("/api/v1/customers/{id}/coupons")
    List<CouponDetails> ofCustomer(@PathVariable long id) {
        customers.find(id);
        return coupons.ofCustomer(id);
    }

    @GetMapping("/api/v1/coupons/{code}")
    IssuedCoupon find(@PathVariable String code) {
        return coupons.find(code).orElseThrow(() -> new NotFoundException("coupon", code));
    }

    /**
     * {@code orderAmount} in the base currency; {@code orderId} a paid order of the holder, when it is recorded
     * already (an order imported later with the code is linked then); {@code customerId} to check the holder.
     */
    record RedemptionRequest(BigDecimal orderAmount, Long orderId, Long customerId) {}

    @PostMapping("/api/v1/coupons/{code}/redemptions")
    @PreAuthorize(CouponAccess.ISSUE)
    @ResponseStatus(HttpStatus.CREATED)
    Redemption redeem(@PathVariable String code, @RequestBody RedemptionRequest request)
            throws CouponUnavailableException {
        return coupons.redeem(code, request.orderAmount(), request.orderId(), request.customerId());
    }

    @PostMapping("/api/v1/coupons/{code}/void")
    @PreAuthorize(CouponAccess.MANAGE)
    IssuedCoupon voidCoupon(@PathVariable String code) {
        return coupons.voidCoupon(code);
    }
}
