-- Library: bulk artist imports and their per-row reports.

-- CreateTable
CREATE TABLE "artist_import" (
    "id" UUID NOT NULL,
    "createdById" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "jobId" UUID,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "acceptedRows" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "artist_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artist_import_row" (
    "importId" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "name" TEXT,
    "mbid" UUID,
    "spotifyId" TEXT,
    "outcome" TEXT NOT NULL,
    "message" TEXT,
    "artistId" UUID,
    "jobId" UUID,

    CONSTRAINT "artist_import_row_pkey" PRIMARY KEY ("importId","line")
);

-- CreateIndex
CREATE INDEX "artist_import_createdById_createdAt_idx" ON "artist_import"("createdById", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "artist_import_row_importId_outcome_idx" ON "artist_import_row"("importId", "outcome");

-- AddForeignKey
ALTER TABLE "artist_import_row" ADD CONSTRAINT "artist_import_row_importId_fkey" FOREIGN KEY ("importId") REFERENCES "artist_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;
