-- At most one unanswered request per doctor and patient, even when two arrive at the same moment.
CREATE UNIQUE INDEX "access_grants_one_open_request" ON "access_grants" ("doctor_id", "patient_id") WHERE "state" = 'REQUESTED';
