package dev.retain.platform.sso;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Single sign-on is on when an issuer is set. A blank value counts as unset, so that {@code RETAIN_OIDC_ISSUER_URI=}
 * (or the empty default in application.properties) leaves the application exactly as without it.
 */
public final class OidcConfigured implements Condition {

    static final String ISSUER_URI = "retain.security.oidc.issuer-uri";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(ISSUER_URI));
    }
}
