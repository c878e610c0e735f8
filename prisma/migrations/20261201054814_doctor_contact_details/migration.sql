-- AlterTable
ALTER TABLE "doctor_profiles" ADD COLUMN     "date_of_birth" DATE,
ADD COLUMN     "phone" TEXT;
