package io.stevedore.operator.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Draws the simulation runs as a PNG: per trace, backlog and replicas over time for both. */
final class ScalePlot {
  private static final int WIDTH = 1400;
  private static final int PANEL_HEIGHT = 300;
  private static final int LEFT = 80;
  private static final int RIGHT = 80;
  private static final int TOP = 40;
  private static final int BOTTOM = 30;
  private static final Color STEVEDORE = new Color(0, 114, 178);
  private static final Color KEDA = new Color(213, 94, 0);

  private ScalePlot() {}

  static void write(
      Path file, List<ScaleSimulation.Run> stevedore, List<ScaleSimulation.Run> keda, double slo)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int height = PANEL_HEIGHT * stevedore.size() + 40;
    var image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    g.drawString(
        "scale-efficiency: backlog (thin, left axis) and replicas (thick, right axis);"
            + " Stevedore blue, KEDA+HPA orange",
        LEFT,
        24);
    for (int i = 0; i < stevedore.size(); i++) {
      panel(g, 40 + i * PANEL_HEIGHT, stevedore.get(i), keda.get(i), slo);
    }
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static void panel(
      Graphics2D g, int y0, ScaleSimulation.Run s, ScaleSimulation.Run k, double slo) {
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
    int top = y0 + TOP;
    int seconds = s.samples().size();
    double maxBacklog =
        Math.max(
            1,
            Math.max(
                max(s.samples(), ScaleSimulation.Sample::backlog),
                max(k.samples(), ScaleSimulation.Sample::backlog)));
    double maxReplicas =
        Math.max(
            1,
            Math.max(
                max(s.samples(), ScaleSimulation.Sample::replicas),
                max(k.samples(), ScaleSimulation.Sample::replicas)));
    g.setColor(new Color(245, 245, 245));
    g.fillRect(LEFT, top, plotWidth, plotHeight);
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, top, plotWidth, plotHeight);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(Color.BLACK);
    g.drawString(
        String.format(
            java.util.Locale.ROOT,
            "%s — Stevedore %.0f replica-s, %d s over the %.0f s SLO; KEDA+HPA %.0f replica-s, %d s"
                + " over",
            s.trace(),
            s.replicaSeconds(),
            s.sloSeconds(),
            slo,
            k.replicaSeconds(),
            k.sloSeconds()),
        LEFT,
        top - 8);
    g.drawString(String.format("%.0f msgs", maxBacklog), 4, top + 12);
    g.drawString("0", LEFT - 14, top + plotHeight);
    g.drawString(String.format("%.0f pods", maxReplicas), WIDTH - RIGHT + 6, top + 12);
    g.drawString(seconds + " s", LEFT + plotWidth - 40, top + plotHeight + 18);
    line(g, s.samples(), ScaleSimulation.Sample::backlog, maxBacklog, STEVEDORE, 1f, top);
    line(g, k.samples(), ScaleSimulation.Sample::backlog, maxBacklog, KEDA, 1f, top);
    line(g, s.samples(), ScaleSimulation.Sample::replicas, maxReplicas, STEVEDORE, 3f, top);
    line(g, k.samples(), ScaleSimulation.Sample::replicas, maxReplicas, KEDA, 3f, top);
  }

  private static void line(
      Graphics2D g,
      List<ScaleSimulation.Sample> samples,
      ToDoubleFunction<ScaleSimulation.Sample> value,
      double max,
      Color color,
      float width,
      int top) {
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
    var path = new Path2D.Double();
    for (int i = 0; i < samples.size(); i++) {
      double x = LEFT + plotWidth * (i / (double) Math.max(1, samples.size() - 1));
      double y = top + plotHeight * (1 - value.applyAsDouble(samples.get(i)) / max);
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
    g.setColor(color);
    g.setStroke(new BasicStroke(width));
    g.draw(path);
  }

  private static double max(
      List<ScaleSimulation.Sample> samples, ToDoubleFunction<ScaleSimulation.Sample> value) {
    return samples.stream().mapToDouble(value).max().orElse(0);
  }
}
