package dev.retain.messaging;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Real servers for the channels on free ports, wired in through the properties a deployment would set. */
@TestConfiguration(proxyBeanMethods = false)
public class MessagingTestServers {

    @Bean(destroyMethod = "stop")
    GreenMail smtpServer() {
        var greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }

    @Bean(destroyMethod = "stop")
    LocalGateway localGateway() throws IOException {
        return new LocalGateway();
    }

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Bean
    DynamicPropertyRegistrar channelServers(GreenMail smtpServer, LocalGateway gateway) {
        return properties -> {
            properties.add("spring.mail.host", () -> "127.0.0.1");
            properties.add("spring.mail.port", () -> smtpServer.getSmtp().getPort());
            properties.add("retain.messaging.sms.url", () -> gateway.url("/sms"));
            properties.add("retain.messaging.webhook.url", () -> gateway.url("/webhook"));
        };
    }
}
