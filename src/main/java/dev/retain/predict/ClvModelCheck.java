package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Checks the lifetime-value models the way the literature does: fit them on the histories up to a calibration end,
 * then compare the purchases they expect after it with the purchases made up to the holdout end.
 */
@Service
public class ClvModelCheck {

    /** Fewer buyers than this give no fit worth reading. */
    static final int MIN_CUSTOMERS = 20;

    private final PurchaseHistories histories;
    private final ClvFits fits;
    private final CompanyZone zone;
    private final Clock clock;

    ClvModelCheck(PurchaseHistories histories, ClvFits fits, CompanyZone zone, Clock clock) {
        this.histories = histories;
        this.fits = fits;
        this.zone = zone;
        this.clock = clock;
    }

    /** Fits on the calibration period, reports on the holdout period (up to today when {@code holdoutEnd} is null). */
    public ClvFits.StoredFit check(LocalDate calibrationEnd, LocalDate holdoutEnd, TimeUnitOfFit unit) {
        LocalDate today = zone.today(clock);
        LocalDate end = holdoutEnd == null ? today : holdoutEnd;
        if (calibrationEnd == null) {
            throw new InvalidInputException("calibrationEnd", "required, e.g. 2026-06-30");
        }
        if (!calibrationEnd.isBefore(end)) {
            throw new InvalidInputException("calibrationEnd", "must be before the holdout end " + end);
        }
        if (end.isAfter(today)) {
            throw new InvalidInputException("holdoutEnd", "must not be after today, " + today);
        }
        List<PurchaseHistories.CustomerHistory> calibration = histories.asOf(calibrationEnd, unit);
        if (calibration.size() < MIN_CUSTOMERS) {
            throw new InvalidInputException(
                    "calibrationEnd",
                    calibration.size() + " customers had bought by " + calibrationEnd + "; a fit needs at least "
                            + MIN_CUSTOMERS);
        }
        ClvFits.Models models = ClvFits.fit(calibration);
        Map<Long, Integer> actual = histories.purchasesAfter(calibrationEnd, end);
        HoldoutReport holdout =
                HoldoutReport.of(models.purchases().model(), calibration, actual, calibrationEnd, end, unit);
        long id = fits.save(calibrationEnd, unit, calibration.size(), models, holdout);
        return fits.find(id).orElseThrow();
    }
}
