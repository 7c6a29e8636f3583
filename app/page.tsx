export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl p-6">
      <h1 className="text-2xl font-semibold">Roadie</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Background jobs for your music-video library.
      </p>
    </main>
  );
}
