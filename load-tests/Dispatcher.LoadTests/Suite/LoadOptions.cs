using System.Globalization;

namespace Dispatcher.LoadTests.Suite;

/// <summary>Command-line settings of one suite run. Every duration is bounded; every run has a hard stop.</summary>
public sealed class LoadOptions
{
    public bool Quick { get; set; }
    public string? Target { get; set; }              // drive an already running host over HTTP instead of hosting one
    public string? Pg { get; set; }                  // PostgreSQL connection string for the baseline and Postgres mode
    public string[] Scenarios { get; set; } = ["baselines", "intake", "open-cases", "surge", "postgres", "peer", "two-silos", "storm"];
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan Measure { get; set; } = TimeSpan.FromSeconds(60);
    public int Repetitions { get; set; } = 3;
    public int Callers { get; set; } = 64;           // closed-loop intake callers
    public int BaselineCallers { get; set; } = 16;   // performance.md: 16 callers/clients
    public double OpenRate { get; set; } = 2500;     // open-loop offered rate (cases/s)
    public double PgOpenRate { get; set; } = 1000;
    public double SurgeBase { get; set; } = 250;
    public double SurgeFactor { get; set; } = 10;
    public TimeSpan SurgeBefore { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan SurgePeak { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan SurgeAfter { get; set; } = TimeSpan.FromSeconds(60);
    public int OpenCases { get; set; } = 1_000_000;
    public TimeSpan OpenCasesFillLimit { get; set; } = TimeSpan.FromSeconds(400);
    public int DepartmentWorkers { get; set; } = 8;
    public double WorkShare { get; set; } = 0.6;     // share of routed complaints that departments work on during the run
    public double ConsultationShare { get; set; } = 0.5;
    public double ReturnShare { get; set; } = 0.08;  // share of worked cases the department returns (then re-dispatched)
    public long MaxCount { get; set; } = 5_000_000;  // per measurement, hard cap on requests
    public int StormCases { get; set; } = 150_000;   // deadline storm: complaints taken at the surge rate, nobody acknowledging
    public TimeSpan StormAcknowledge { get; set; } = TimeSpan.FromMinutes(2);
    public double StormSteadyRate { get; set; } = 250;
    public bool StormCompare { get; set; } = true;   // also the single-bucket (single scanner) storms, for before/after
    public string[] StormStores { get; set; } = ["memory", "pg"];
    public TimeSpan HardStop { get; set; } = TimeSpan.FromMinutes(300); // the full run takes ~3 h on this 2-core VM (1 h 45 min before the storm)
    public string ResultsDir { get; set; } = "load-tests/results";
    public string Transports { get; set; } = "grain,http";
    public string Notes { get; set; } = "";

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        bool quickSeen = args.Contains("--quick");
        if (quickSeen)
        {
            o.Quick = true;
            o.Warmup = TimeSpan.FromSeconds(3);
            o.Measure = TimeSpan.FromSeconds(8);
            o.Repetitions = 1;
            o.SurgeBefore = TimeSpan.FromSeconds(8);
            o.SurgePeak = TimeSpan.FromSeconds(8);
            o.SurgeAfter = TimeSpan.FromSeconds(32);
            o.OpenCases = 5_000;
            o.OpenCasesFillLimit = TimeSpan.FromSeconds(30);
            o.StormCases = 5_000;
            o.StormAcknowledge = TimeSpan.FromMinutes(1);
            o.StormCompare = false;
            o.HardStop = TimeSpan.FromMinutes(25);
        }
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--quick") continue;
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            static TimeSpan Secs(string v) => TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture));
            static double D(string v) => double.Parse(v, CultureInfo.InvariantCulture);
            switch (a)
            {
                case "--target": o.Target = Next().TrimEnd('/'); break;
                case "--pg": o.Pg = Next(); break;
                case "--scenarios": o.Scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--warmup": o.Warmup = Secs(Next()); break;
                case "--measure": o.Measure = Secs(Next()); break;
                case "--reps": o.Repetitions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--callers": o.Callers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--baseline-callers": o.BaselineCallers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rate": o.OpenRate = D(Next()); break;
                case "--pg-rate": o.PgOpenRate = D(Next()); break;
                case "--surge-base": o.SurgeBase = D(Next()); break;
                case "--surge-factor": o.SurgeFactor = D(Next()); break;
                case "--surge-before": o.SurgeBefore = Secs(Next()); break;
                case "--surge-peak": o.SurgePeak = Secs(Next()); break;
                case "--surge-after": o.SurgeAfter = Secs(Next()); break;
                case "--open-cases": o.OpenCases = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--open-cases-fill-limit": o.OpenCasesFillLimit = Secs(Next()); break;
                case "--workers": o.DepartmentWorkers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--work-share": o.WorkShare = D(Next()); break;
                case "--max-count": o.MaxCount = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--storm-cases": o.StormCases = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--storm-ack": o.StormAcknowledge = Secs(Next()); break;
                case "--storm-steady-rate": o.StormSteadyRate = D(Next()); break;
                case "--storm-compare": o.StormCompare = bool.Parse(Next()); break;
                case "--storm-stores": o.StormStores = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--hard-stop": o.HardStop = Secs(Next()); break;
                case "--results": o.ResultsDir = Next(); break;
                case "--transports": o.Transports = Next(); break;
                case "--notes": o.Notes = Next(); break;
                default: throw new ArgumentException($"Unknown argument '{a}'. See load-tests/README.md.");
            }
        }
        return o;
    }

    public bool Has(string scenario) => Scenarios.Contains(scenario, StringComparer.OrdinalIgnoreCase) || Scenarios.Contains("all");
    public bool UsesTransport(string t) => Transports.Split(',').Contains(t, StringComparer.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL connection string without its password, for the report.</summary>
    public string? PgRedacted => Pg is null ? null : string.Join(';', Pg.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
}
