import type { Config } from "tailwindcss";

// Loaded from app/globals.css with @config (Tailwind 4). Colours are the
// clinic palette: calm, high-contrast, readable for older patients.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef7f6",
          100: "#d5ecea",
          500: "#1f7a73",
          600: "#17645e",
          700: "#124f4a",
        },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
      },
    },
  },
} satisfies Config;
