-- AlterTable
ALTER TABLE "provider_pace" ADD COLUMN     "sendingSince" TIMESTAMPTZ(6);
