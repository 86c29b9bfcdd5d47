import "server-only";
import { db } from "@/lib/db";

/** Patients of the clinic whose name or email contains the query (for "find or create the patient"). */
export async function searchPatients(query: string) {
  return db().patient.findMany({
    where: { OR: [{ fullName: { contains: query } }, { email: { contains: query.toLowerCase() } }] },
    orderBy: { fullName: "asc" },
    take: 10,
    select: { id: true, fullName: true, email: true, dateOfBirth: true },
  });
}
