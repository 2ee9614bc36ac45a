/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-relu0.c: the explorer's command "relu0": seed
   002's question by experiment (does relu'(0) matter when a ReLU network
   trains, in 16, 32 and 64 bits?).  Reads its own options (it takes no
   EXPR), runs tutorials/relu0-experiment.c and prints text or JSON, with
   gnuplot figures through gnuplot-run.c. */
#define _XOPEN_SOURCE 700   /* mkdtemp */
#include <config.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"
#include "gnuplot-run.h"
#include "program-info.h"
#include "relu0-experiment.h"

#define CMD "relu0"

static const char relu0_help[] =
  "Usage: " PROGRAM " relu0 [--precision 16|32|64|all] [--batches M] [--epochs E]\n"
  "       [--seeds S] [--relu0 LIST] [--bias LIST] [--hidden LIST]\n"
  "       [--train N] [--test N]\n"
  "       [--idx-images FILE --idx-labels FILE] [--format text|json]\n"
  "       [--plot dumb|png|svg|none]\n"
  NS_CLI_RELU0_SUMMARY ".\n\n"
  "Trains a small ReLU network (64-32-32-10 on 8x8 images, softmax\n"
  "cross-entropy, mini-batches of 32, plain SGD with step 0.1) with\n"
  "backpropagation in binary16, binary32 and binary64, relu'(0) a parameter,\n"
  "and measures: on how many mini-batches the gradients with relu'(0) = 0\n"
  "and relu'(0) = 1 differ (at the initial parameters and along training),\n"
  "by how much, and how many pre-activations are exactly 0 (all inputs zero,\n"
  "or cancellation); and test accuracy and loss per epoch for each relu'(0),\n"
  "precision, initial bias and seed.  Every run is the same bit for bit.\n\n"
  "  --precision P  16, 32, 64 or all (default all)\n"
  "  --batches M    mini-batches of the bifurcation count, 1..100000 (default 100)\n"
  "  --epochs E     training epochs, 1..1000 (default 5)\n"
  "  --seeds S      training seeds 1..S, S in 1..100 (default 3)\n"
  "  --relu0 LIST   the values of relu'(0) to train with, comma-separated,\n"
  "                 each in [0, 1], at most 8 (default 0,1)\n"
  "  --bias LIST    initial biases, comma-separated, at most 2, |b| <= 1\n"
  "                 (default 0,0.01)\n"
  "  --hidden LIST  the hidden widths, 1 to 3 of them, each 1..1024\n"
  "                 (default 32,32)\n"
  "  --train N      training examples, 64..1000000 (default 1000)\n"
  "  --test N       test examples, 1..1000000 (default 500)\n"
  "  --idx-images FILE, --idx-labels FILE\n"
  "                 MNIST's IDX files (e.g. train-images-idx3-ubyte) instead\n"
  "                 of the synthetic glyphs: the first TRAIN+TEST examples\n"
  "                 are read, the last fifth of them (at most TEST) tests\n"
  "  --format FMT   text (default) or json (every per-batch and per-epoch\n"
  "                 number)\n"
  "  --plot MODE    none (default); dumb: the two figures as text after the\n"
  "                 tables; png or svg: relu0-proportion.EXT and\n"
  "                 relu0-accuracy.EXT in the current directory, with the\n"
  "                 data relu0.dat and the script relu0.gp\n"
  "The default takes about 12 seconds of CPU time; the manual's chapter\n"
  "\"Does relu'(0) matter?\" shows its numbers and compares them with\n"
  "Bertoin et al. (NeurIPS 2021).\n"
  "Exit status 1 when the IDX files cannot be read, or gnuplot fails.\n\n"
  PROGRAM_BUG_REPORT_LINE;

/* A comma-separated list of at most MAX numbers in [LO, HI]; 1 on success. */
static int
parse_list (const char *s, double lo, double hi, double *v, int max, int *n)
{
  char buf[256];
  if (strlen (s) >= sizeof buf)
    return 0;
  snprintf (buf, sizeof buf, "%s", s);
  *n = 0;
  char *save = NULL;
  for (char *tok = buf;; tok = NULL)
    {
      /* strtok would merge ",," into one comma; a list "0,,1" is wrong. */
      char *item = tok ? tok : save;
      if (item == NULL)
        break;
      char *comma = strchr (item, ',');
      save = comma ? comma + 1 : NULL;
      if (comma)
        *comma = '\0';
      if (*n >= max || !ns_cli_parse_real (item, &v[*n]) || !(v[*n] >= lo && v[*n] <= hi))
        return 0;
      (*n)++;
    }
  return *n > 0;
}

/* The temporary directory of --plot dumb, for the signal handler. */
static char tmp_paths[4][4400];
static volatile sig_atomic_t tmp_count;

static void
cleanup_on_signal (void)
{
  for (int i = 0; i < tmp_count; i++)
    {
      if (i < 3)
        unlink (tmp_paths[i]);
      else
        rmdir (tmp_paths[i]);
    }
}

static int
plot (const r0_config *c, const r0_result *r, const char *mode, FILE *out, FILE *err)
{
  int dumb = strcmp (mode, "dumb") == 0;
  char dir[4096] = ".", data[4400], script[4400], picture[4400];
  if (dumb)
    {
      const char *tmp = getenv ("TMPDIR");
      snprintf (dir, sizeof dir, "%s/" PROGRAM "-relu0-XXXXXX", tmp && *tmp ? tmp : "/tmp");
      if (mkdtemp (dir) == NULL)
        {
          fprintf (err, PROGRAM " relu0: cannot make a directory for the plot files: %s "
                   "(set TMPDIR to a writable directory)\n", strerror (errno));
          return NS_CLI_FAIL;
        }
    }
  snprintf (data, sizeof data, "%s/relu0.dat", dir);
  snprintf (script, sizeof script, "%s/relu0.gp", dir);
  snprintf (picture, sizeof picture, "%s/relu0.txt", dir);
  if (dumb)
    {
      snprintf (tmp_paths[0], sizeof tmp_paths[0], "%s", data);
      snprintf (tmp_paths[1], sizeof tmp_paths[1], "%s", script);
      snprintf (tmp_paths[2], sizeof tmp_paths[2], "%s", picture);
      snprintf (tmp_paths[3], sizeof tmp_paths[3], "%s", dir);
      tmp_count = 4;
    }
  gp_catch_signals (dumb ? cleanup_on_signal : NULL);
  int status = NS_CLI_OK;
  /* The script names the data by the path it is given; for png and svg
     that is relu0.dat beside the figures. */
  if (r0_write_plot (c, r, mode, "relu0", dumb ? data : "relu0.dat", script) != 0)
    {
      fprintf (err, PROGRAM " relu0: cannot write %s or %s: %s\n", data, script,
               strerror (errno));
      status = NS_CLI_FAIL;
    }
  else
    {
      double timeout = gp_timeout ();
      int gp = gp_run (script, dumb ? picture : "/dev/null", "/dev/null",
                       timeout > 0 ? timeout : GP_DEFAULT_TIMEOUT);
      if (gp == GP_NOT_FOUND)
        fprintf (err, PROGRAM " relu0: gnuplot (%s) not found: no figure%s\n", gp_program (),
                 dumb ? "" : " (relu0.dat and relu0.gp are written)");
      else if (gp != GP_OK)
        {
          fprintf (err, PROGRAM " relu0: gnuplot (%s) %s on %s\n", gp_program (),
                   gp == GP_TIMEOUT ? "ran out of time" : "failed", script);
          status = NS_CLI_FAIL;
        }
      else if (dumb)
        {
          FILE *in = fopen (picture, "r");
          int ch;
          putc ('\n', out);
          /* gnuplot's dumb terminal starts each page with a form feed. */
          while (in != NULL && (ch = getc (in)) != EOF)
            if (ch != '\f')
              putc (ch, out);
          if (in)
            fclose (in);
        }
      else
        fprintf (out, "\nFigures: relu0-proportion.%s, relu0-accuracy.%s (data relu0.dat, "
                 "script relu0.gp)\n", mode, mode);
    }
  if (dumb)
    {
      tmp_count = 0;
      remove (data);
      remove (script);
      remove (picture);
      rmdir (dir);
    }
  gp_release_signals ();
  return status;
}

int
ns_cli_run_relu0 (int argc, const char *const *argv, FILE *out, FILE *err)
{
  r0_config c;
  r0_config_default (&c);
  int json = 0;
  const char *plot_mode = "none";
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          fputs (relu0_help, out);
          return NS_CLI_OK;
        }
    }
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      static const char *const names[] = { "--precision", "--batches", "--epochs", "--seeds",
                                           "--relu0", "--bias", "--train", "--test",
                                           "--idx-images", "--idx-labels", "--format",
                                           "--plot", "--hidden" };
      int which = -1;
      const char *val = NULL;
      for (int k = 0; k < (int) (sizeof names / sizeof *names); k++)
        {
          size_t n = strlen (names[k]);
          if (strncmp (arg, names[k], n) == 0 && (arg[n] == '\0' || arg[n] == '='))
            {
              which = k;
              val = arg[n] == '=' ? arg + n + 1 : NULL;
            }
        }
      if (which < 0)
        return ns_cli_usage_error (err, CMD, arg[0] == '-' ? "unrecognized option '%s'"
                                   : "unexpected argument '%s' (relu0 takes no EXPR)", arg);
      if (val == NULL)
        {
          if (i + 1 >= argc)
            return ns_cli_usage_error (err, CMD, "option '%s' requires an argument",
                                       names[which]);
          val = argv[++i];
        }
      int n;
      switch (which)
        {
        case 0:
          if (strcmp (val, "all") == 0)
            {
              c.nbits = 3;
              break;
            }
          if (!ns_cli_parse_int (val, 16, 64, &n) || (n != 16 && n != 32 && n != 64))
            return ns_cli_usage_error (err, CMD, "--precision must be 16, 32, 64 or all, not '%s'",
                                       val);
          c.bits[0] = n;
          c.nbits = 1;
          break;
        case 1:
          if (!ns_cli_parse_int (val, 1, 100000, &c.batches))
            return ns_cli_usage_error (err, CMD, "--batches must be an integer 1..100000, not "
                                       "'%s'", val);
          break;
        case 2:
          if (!ns_cli_parse_int (val, 1, 1000, &c.epochs))
            return ns_cli_usage_error (err, CMD, "--epochs must be an integer 1..1000, not '%s'",
                                       val);
          break;
        case 3:
          if (!ns_cli_parse_int (val, 1, 100, &c.seeds))
            return ns_cli_usage_error (err, CMD, "--seeds must be an integer 1..100, not '%s'",
                                       val);
          break;
        case 4:
          if (!parse_list (val, 0, 1, c.relu0, R0_MAX_RELU0, &c.nrelu0))
            return ns_cli_usage_error (err, CMD, "--relu0 must be a comma-separated list of at "
                                       "most %d numbers in [0, 1], not '%s'", R0_MAX_RELU0, val);
          break;
        case 5:
          if (!parse_list (val, -1, 1, c.bias, R0_MAX_BIAS, &c.nbias))
            return ns_cli_usage_error (err, CMD, "--bias must be a comma-separated list of at "
                                       "most %d numbers in [-1, 1], not '%s'", R0_MAX_BIAS, val);
          break;
        case 6:
          if (!ns_cli_parse_int (val, 64, 1000000, &c.ntrain))
            return ns_cli_usage_error (err, CMD, "--train must be an integer 64..1000000, not "
                                       "'%s'", val);
          break;
        case 7:
          if (!ns_cli_parse_int (val, 1, 1000000, &c.ntest))
            return ns_cli_usage_error (err, CMD, "--test must be an integer 1..1000000, not '%s'",
                                       val);
          break;
        case 8: c.idx_images = val; break;
        case 9: c.idx_labels = val; break;
        case 10:
          if (strcmp (val, "text") == 0)
            json = 0;
          else if (strcmp (val, "json") == 0)
            json = 1;
          else
            return ns_cli_usage_error (err, CMD, "--format must be text or json, not '%s'", val);
          break;
        case 11:
          if (strcmp (val, "dumb") != 0 && strcmp (val, "png") != 0 && strcmp (val, "svg") != 0
              && strcmp (val, "none") != 0)
            return ns_cli_usage_error (err, CMD, "--plot must be dumb, png, svg or none, not '%s'",
                                       val);
          plot_mode = val;
          break;
        case 12:
          {
            double w[R0_MAX_LAYERS - 1];
            int nw;
            if (!parse_list (val, 1, 1024, w, R0_MAX_LAYERS - 1, &nw))
              return ns_cli_usage_error (err, CMD, "--hidden must be 1 to %d comma-separated "
                                         "widths 1..1024, not '%s'", R0_MAX_LAYERS - 1, val);
            for (int k = 0; k < nw; k++)
              if (w[k] != (int) w[k])
                return ns_cli_usage_error (err, CMD, "--hidden: the widths are integers, not "
                                           "'%s'", val);
            c.shape.nlayer = nw + 1;
            for (int k = 0; k < nw; k++)
              c.shape.width[k + 1] = (int) w[k];
            c.shape.width[nw + 1] = R0_NCLASS;
            break;
          }
        default: break;
        }
    }
  if ((c.idx_images == NULL) != (c.idx_labels == NULL))
    return ns_cli_usage_error (err, CMD, "--idx-images and --idx-labels go together");
  if (json && strcmp (plot_mode, "dumb") == 0)
    return ns_cli_usage_error (err, CMD, "--plot dumb draws into the text output; with --format "
                               "json use png, svg or none");

  r0_result r;
  char msg[512];
  if (r0_run (&c, &r, msg, sizeof msg) != 0)
    {
      fputs (PROGRAM " relu0: ", err);
      program_put_escaped (err, msg);
      putc ('\n', err);
      return NS_CLI_FAIL;
    }
  if (json)
    r0_print_json (out, &c, &r);
  else
    r0_print_text (out, &c, &r);
  int status = NS_CLI_OK;
  if (strcmp (plot_mode, "none") != 0)
    status = plot (&c, &r, plot_mode, out, err);
  r0_result_free (&r);
  return status;
}
