import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-6">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-700">We could not find that page. It may have been removed, or the link is wrong.</p>
      <Link href="/" className="font-medium text-brand-700 underline">
        Go to the start page
      </Link>
    </main>
  );
}
