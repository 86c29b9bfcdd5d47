-- CreateTable
CREATE TABLE "AttendanceEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "AttendanceEvent_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'REQUESTED',
    "consentTextVersion" TEXT NOT NULL,
    "stopReason" TEXT,
    "failureReason" TEXT,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startingAt" DATETIME,
    "mediaStartedAt" DATETIME,
    "stopRequestedAt" DATETIME,
    "mediaEndedAt" DATETIME,
    "readyAt" DATETIME,
    "workerId" TEXT,
    "leaseExpiresAt" DATETIME,
    "storageKey" TEXT,
    "sha256" TEXT,
    "bytes" INTEGER,
    "durationSeconds" REAL,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Recording_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecordingConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordingId" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "textVersion" TEXT NOT NULL,
    "decision" TEXT NOT NULL DEFAULT 'PENDING',
    "askedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "withdrawnAt" DATETIME,
    "ipHash" TEXT,
    "userAgentHash" TEXT,
    CONSTRAINT "RecordingConsent_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecordingConsent_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecordingPlayback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "RecordingPlayback_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AttendanceEvent_consultationId_at_idx" ON "AttendanceEvent"("consultationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_storageKey_key" ON "Recording"("storageKey");

-- CreateIndex
CREATE INDEX "Recording_consultationId_requestedAt_idx" ON "Recording"("consultationId", "requestedAt");

-- CreateIndex
CREATE INDEX "Recording_state_idx" ON "Recording"("state");

-- CreateIndex
CREATE INDEX "Recording_requestedAt_idx" ON "Recording"("requestedAt");

-- CreateIndex
CREATE INDEX "RecordingConsent_consultationId_idx" ON "RecordingConsent"("consultationId");

-- CreateIndex
CREATE UNIQUE INDEX "RecordingConsent_recordingId_participantId_key" ON "RecordingConsent"("recordingId", "participantId");

-- CreateIndex
CREATE INDEX "RecordingPlayback_recordingId_userId_idx" ON "RecordingPlayback"("recordingId", "userId");

