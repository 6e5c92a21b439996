package dev.retain.ingest.web;

import dev.retain.ingest.DataQuality;
import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.util.Set;
import org.springframework.stereotype.Component;

/** On the home page of managers and admins: data-quality alerts of imports that nobody has looked at yet. */
@Component
class DataQualityHomeBlock implements HomeBlock {

    static final int SHOWN = 5;

    private final DataQuality dataQuality;

    DataQualityHomeBlock(DataQuality dataQuality) {
        this.dataQuality = dataQuality;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.MANAGER, Role.ADMIN), 50, "home.alerts", "home.alerts.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/imports";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(dataQuality.open().stream()
                .limit(SHOWN)
                .map(alert -> new Row(
                        alert.message(), "/imports/" + alert.jobId(), Note.of("alert." + alert.kind()), Tone.WARNING))
                .toList());
    }
}
