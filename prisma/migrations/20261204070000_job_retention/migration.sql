-- CreateIndex
CREATE INDEX "job_type_finishedAt_idx" ON "job"("type", "finishedAt");
