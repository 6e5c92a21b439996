-- predict: a fit on a calibration period can be checked against the purchases of the period after it

alter table clv_fits add column holdout jsonb;

comment on column clv_fits.holdout is
    'Predicted against actual purchases after the calibration end, by calibration-period purchases; null for the fits that scored customers';
