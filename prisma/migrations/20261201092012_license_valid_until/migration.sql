-- AlterTable
ALTER TABLE "doctor_profiles" ADD COLUMN     "license_valid_until" DATE;
