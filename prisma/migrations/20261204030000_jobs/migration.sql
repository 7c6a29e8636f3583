-- AlterTable
ALTER TABLE "job_attempt" ADD COLUMN     "progress" INTEGER NOT NULL DEFAULT 0;
