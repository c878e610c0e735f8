-- Hand-written: double booking is impossible by construction. Two BOOKED appointments of one doctor,
-- or of one patient, can never overlap in time; the loser of a race gets SQLSTATE 23P01.
-- Half-open ranges, so back-to-back visits [10:00,10:30) and [10:30,11:00) are allowed.
ALTER TABLE appointments ADD CONSTRAINT appointments_doctor_no_overlap
  EXCLUDE USING gist (doctor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'BOOKED');

ALTER TABLE appointments ADD CONSTRAINT appointments_patient_no_overlap
  EXCLUDE USING gist (patient_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'BOOKED');

ALTER TABLE appointments ADD CONSTRAINT appointments_end_after_start CHECK (ends_at > starts_at);

ALTER TABLE availability_rules ADD CONSTRAINT availability_rules_sane CHECK (
  weekday BETWEEN 1 AND 7 AND start_minute >= 0 AND end_minute <= 1440 AND end_minute > start_minute
  AND slot_minutes BETWEEN 10 AND 120 AND buffer_minutes BETWEEN 0 AND 120
);
