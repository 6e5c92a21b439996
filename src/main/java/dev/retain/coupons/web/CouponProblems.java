package dev.retain.coupons.web;

import dev.retain.coupons.CouponUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A coupon that cannot be issued or used is a 409 problem whose {@code reason} says why, for programs. */
@RestControllerAdvice(assignableTypes = {CouponCampaignApiController.class, CouponApiController.class})
class CouponProblems {

    @ExceptionHandler(CouponUnavailableException.class)
    ProblemDetail unavailable(CouponUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Coupon unavailable");
        problem.setProperty("reason", e.reason().name());
        return problem;
    }
}
