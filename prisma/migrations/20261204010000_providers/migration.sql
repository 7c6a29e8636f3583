-- CreateTable
CREATE TABLE "provider_pace" (
    "provider" TEXT NOT NULL,
    "nextSlotAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "intervalMs" INTEGER NOT NULL,
    "baseIntervalMs" INTEGER NOT NULL,
    "penaltyUntil" TIMESTAMPTZ(6),
    "circuitState" TEXT NOT NULL DEFAULT 'closed',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "openUntil" TIMESTAMPTZ(6),
    "probeUntil" TIMESTAMPTZ(6),
    "lastError" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_pace_pkey" PRIMARY KEY ("provider")
);

-- CreateTable
CREATE TABLE "provider_call" (
    "id" BIGSERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "errorKind" TEXT,

    CONSTRAINT "provider_call_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "provider_call_provider_startedAt_idx" ON "provider_call"("provider", "startedAt" DESC);
