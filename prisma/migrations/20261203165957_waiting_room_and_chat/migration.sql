-- CreateTable
CREATE TABLE "ChatMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatMessage_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChatMessage_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "relationship" TEXT,
    "userId" TEXT,
    "inviteTokenHash" TEXT,
    "revokedAt" DATETIME,
    "redeemedAt" DATETIME,
    "deviceSecretHash" TEXT,
    "firstJoinedAt" DATETIME,
    "lastJoinedAt" DATETIME,
    "lastLeftAt" DATETIME,
    "connectedSince" DATETIME,
    "attendedSeconds" INTEGER NOT NULL DEFAULT 0,
    "admission" TEXT NOT NULL DEFAULT 'WAITING',
    "waitingSince" DATETIME,
    "admittedAt" DATETIME,
    "deniedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Participant_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Participant" ("attendedSeconds", "connectedSince", "consultationId", "createdAt", "deviceSecretHash", "displayName", "firstJoinedAt", "id", "inviteTokenHash", "lastJoinedAt", "lastLeftAt", "redeemedAt", "relationship", "revokedAt", "role", "updatedAt", "userId") SELECT "attendedSeconds", "connectedSince", "consultationId", "createdAt", "deviceSecretHash", "displayName", "firstJoinedAt", "id", "inviteTokenHash", "lastJoinedAt", "lastLeftAt", "redeemedAt", "relationship", "revokedAt", "role", "updatedAt", "userId" FROM "Participant";
DROP TABLE "Participant";
ALTER TABLE "new_Participant" RENAME TO "Participant";
CREATE UNIQUE INDEX "Participant_inviteTokenHash_key" ON "Participant"("inviteTokenHash");
CREATE INDEX "Participant_consultationId_idx" ON "Participant"("consultationId");
CREATE INDEX "Participant_userId_idx" ON "Participant"("userId");
CREATE INDEX "Participant_consultationId_admission_idx" ON "Participant"("consultationId", "admission");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChatMessage_consultationId_createdAt_idx" ON "ChatMessage"("consultationId", "createdAt");


-- Staff participants enter directly; only people invited by link wait to be admitted.
UPDATE "Participant" SET "admission" = 'ADMITTED' WHERE "userId" IS NOT NULL;
