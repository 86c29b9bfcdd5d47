#!/usr/bin/env node
// Writes a new migration: the difference between the schema as of the last
// migration and prisma/schema.prisma. Each migration folder keeps a copy of
// the schema it leads to (schema.prisma beside migration.sql), which is what
// the next diff starts from.
//
// Why not `prisma migrate dev` or `migrate diff --from-migrations`: with the
// libsql driver adapter (the only way Prisma runs offline here) the first is
// broken and the second replays migrations into a shadow database one
// statement per script, so it diffs against a half-built schema. A
// datamodel-to-datamodel diff needs no database at all.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name>   (lower-case letters, digits and _)");
  process.exit(1);
}

const migrationsDir = path.join(root, "prisma", "migrations");
const schemaFile = path.join(root, "prisma", "schema.prisma");
fs.mkdirSync(migrationsDir, { recursive: true });
const lockFile = path.join(migrationsDir, "migration_lock.toml");
if (!fs.existsSync(lockFile)) fs.writeFileSync(lockFile, 'provider = "sqlite"\n');

const previous = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);
const previousSchema = previous ? path.join(migrationsDir, previous, "schema.prisma") : null;
if (previous && !fs.existsSync(previousSchema ?? "")) {
  console.error(`prisma/migrations/${previous} has no schema.prisma snapshot to diff from.`);
  process.exit(1);
}

const from = previousSchema ? ["--from-schema-datamodel", previousSchema] : ["--from-empty"];
const sql = execFileSync(
  process.execPath,
  [
    path.join(root, "node_modules", "prisma", "build", "index.js"),
    "migrate",
    "diff",
    ...from,
    "--to-schema-datamodel",
    schemaFile,
    "--script",
  ],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);

if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/i.test(sql)) {
  console.error("The schema matches the last migration: nothing to write.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
fs.copyFileSync(schemaFile, path.join(dir, "schema.prisma"));
console.error(`Wrote ${path.relative(root, dir)}/migration.sql. Apply it with: npm run db:migrate`);
