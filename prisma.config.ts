import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";

// The CLI runs the JS engine through the libsql driver adapter: nothing is
// downloaded (Prisma's native engines cannot be fetched offline).
const url = process.env.DATABASE_URL ?? `file:${path.join(import.meta.dirname, ".data", "openconsult.db")}`;
process.env.DATABASE_URL = url;

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaLibSQL({ url }),
});
