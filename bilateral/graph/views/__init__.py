"""What people look at: the HTML graph, exports, plots, the report, and safe file output."""
