// The map: capitals at their places, the corridor's links (width = TEU flow, colour = state), and
// this week's actions as labelled markers at the capitals.
#include <cmath>
#include <cstdio>
#include <string_view>

#include "viewer/data/geo.hpp"
#include "viewer/ui/plot.hpp"
#include "viewer/ui/views.hpp"

namespace leverage::viewer::ui {

namespace {

ImU32 status_color(LinkStatus status) {
  switch (status) {
    case LinkStatus::normal:
      return IM_COL32(70, 190, 110, 255);
    case LinkStatus::inspected:
      return IM_COL32(240, 180, 40, 255);
    case LinkStatus::closed:
      return IM_COL32(225, 60, 60, 255);
    case LinkStatus::suspended:
      return IM_COL32(170, 90, 230, 255);
  }
  return IM_COL32_WHITE;
}

ImU32 marker_color(ActionKind kind) {
  switch (kind) {
    case ActionKind::issue_ultimatum:
    case ActionKind::execute_threat:
    case ActionKind::extend_deadline:
      return IM_COL32(240, 90, 90, 255);
    case ActionKind::amnesty:
    case ActionKind::release_named:
      return IM_COL32(110, 220, 140, 255);
    case ActionKind::subsidize:
      return IM_COL32(240, 200, 80, 255);
    case ActionKind::press_target:
    case ActionKind::press_sender:
    case ActionKind::counter_pressure:
      return IM_COL32(120, 180, 250, 255);
    default:
      return IM_COL32(200, 200, 210, 255);
  }
}

// Where a capital's labels go, relative to its dot, so neighbours do not overlap (Warsaw and Minsk
// are 60 px apart at 1280x800).
ImVec2 label_direction(const std::string& actor) {
  if (actor == "warsaw") return ImVec2(-1, -1);
  if (actor == "brussels") return ImVec2(1, 1);
  if (actor == "moscow") return ImVec2(1, -1);
  if (actor == "beijing") return ImVec2(-1, -1);
  return ImVec2(1, 1);  // minsk and others
}

// The marker text for an actor's action this week, or empty for holding.
std::string marker_text(const RunData& run, int week, std::size_t actor) {
  const ActionSpec& action = run.action_spec(week, actor);
  const WorldState& s = run.state(week);
  char text[160];
  switch (action.kind) {
    case ActionKind::hold:
      return {};
    case ActionKind::issue_ultimatum:
      for (int u = 0; u < s.ultimatum_count; ++u) {
        const UltimatumState& us = s.ultimatums[static_cast<std::size_t>(u)];
        if (us.sender == static_cast<int>(actor) && us.issue_week == week) {
          std::snprintf(text, sizeof text, "ULTIMATUM, deadline week %d", us.deadline_week);
          return text;
        }
      }
      return "ultimatum (not issued)";
    case ActionKind::amnesty:
      std::snprintf(text, sizeof text, "AMNESTY of %g", action.count);
      return text;
    case ActionKind::release_named: {
      const auto& named = run.scenario().prisoners.named;
      const std::string who = action.prisoner >= 0 && action.prisoner < static_cast<int>(named.size())
                                  ? named[static_cast<std::size_t>(action.prisoner)].name
                                  : "a named prisoner";
      return "RELEASES " + who;
    }
    case ActionKind::subsidize:
      std::snprintf(text, sizeof text, "SUBSIDY %g MEUR", action.amount_meur);
      return text;
    case ActionKind::press_target:
      return "PRESSURE on " + run.scenario().actors[run.scenario().target].name;
    case ActionKind::press_sender:
      if (action.on >= 0) return "PRESSURE on " + run.scenario().actors[static_cast<std::size_t>(action.on)].name;
      return "PRESSURE";
    case ActionKind::counter_pressure:
      return "COUNTER-PRESSURE on the EU";
    default:
      return action.id;
  }
}

}  // namespace

void draw_map(const RunData& run, int week, const Box& box, RegionLog& regions) {
  if (!begin_fixed("Map", box, ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 map_min = origin;
  const ImVec2 map_max(origin.x + avail.x, origin.y + avail.y - line - 6);
  draw->AddRectFilled(map_min, map_max, IM_COL32(22, 30, 40, 255), 3.0f);
  const MapProjection projection;
  const MapRect rect{map_min.x + 8, map_min.y + 8, map_max.x - map_min.x - 16, map_max.y - map_min.y - 16};
  const auto at = [&](const LonLat& p) {
    const MapPoint m = projection.project(p, rect);
    return ImVec2(static_cast<float>(m.x), static_cast<float>(m.y));
  };
  draw->PushClipRect(map_min, map_max, true);
  // Graticule every 10 degrees.
  for (int lon = 10; lon <= 110; lon += 10)
    draw->AddLine(at({double(lon), 38.5}), at({double(lon), 58.5}), IM_COL32(38, 48, 60, 255));
  for (int lat = 40; lat <= 55; lat += 5) {
    draw->AddLine(at({2, double(lat)}), at({118, double(lat)}), IM_COL32(38, 48, 60, 255));
    char label[8];
    std::snprintf(label, sizeof label, "%dN", lat);
    draw->AddText(at({103, lat + 0.9}), IM_COL32(80, 95, 115, 255), label);
  }
  draw->AddText(ImVec2(map_min.x + 6, map_max.y - line - 4), IM_COL32(80, 95, 115, 255), "east of 40E compressed 6:1");

  const WorldState& state = run.state(week);
  const double full_teu =
      run.scenario().transit.eu_transit_teu_per_week + run.scenario().transit.bilateral_teu_per_week;
  const float max_width = std::max(6.0f, line * 0.7f);
  for (const CorridorLink& link : corridor_links(run.scenario())) {
    const LinkStatus status = link_status(state, link.crossing);
    const ImU32 color = status_color(status);
    const float width = static_cast<float>(link_width(link_teu(state, link.crossing), full_teu, max_width));
    const ImVec2 a = at(link.from), b = at(link.to);
    draw->AddLine(a, b, color, width);
    if (link.label == "Malaszewicze - Warsaw" || link.label == "Kena - Kaunas" || link.label == "Indra - Riga") {
      const ImVec2 mid((a.x + b.x) / 2, (a.y + b.y) / 2);
      const std::string name = link.label == "Malaszewicze - Warsaw" ? "corridor_malaszewicze"
                               : link.label == "Kena - Kaunas"       ? "corridor_lithuania"
                                                                     : "corridor_latvia";
      regions.point(name, mid, color,
                    {{"status", link_status_name(status)}, {"teu", link_teu(state, link.crossing)}, {"width", width}});
    }
  }
  // Corridor nodes.
  const std::pair<const char*, LonLat> nodes[] = {{"Brest", {23.70, 52.10}},   {"Malaszewicze", {23.53, 52.05}},
                                                  {"Kena", {25.65, 54.63}},    {"Indra", {27.57, 55.87}},
                                                  {"Dostyk", {82.48, 45.25}},  {"Xi'an", {108.94, 34.34}},
                                                  {"Duisburg", {6.76, 51.43}}, {"Riga", {24.11, 56.95}}};
  for (const auto& [name, place] : nodes) {
    const ImVec2 p = at(place);
    draw->AddCircleFilled(p, 2.5f, IM_COL32(200, 200, 200, 255));
    if (std::string_view(name) == "Duisburg") continue;  // beside Brussels: the dot says where the EU line ends
    if (std::string_view(name) == "Malaszewicze") {
      const ImVec2 size = ImGui::CalcTextSize(name);
      draw->AddText(ImVec2(p.x - size.x * 0.6f, p.y + line * 0.6f), IM_COL32(170, 175, 185, 255), name);
    } else if (std::string_view(name) == "Brest") {
      draw->AddText(ImVec2(p.x + 3, p.y + 2), IM_COL32(170, 175, 185, 255), name);
    } else if (std::string_view(name) != "Xi'an") {
      draw->AddText(ImVec2(p.x + 3, p.y - line - 1), IM_COL32(170, 175, 185, 255), name);
    } else {
      draw->AddText(ImVec2(p.x - ImGui::CalcTextSize(name).x - 4, p.y - line), IM_COL32(170, 175, 185, 255), name);
    }
  }

  // Capitals and this week's actions.
  const Scenario& scenario = run.scenario();
  const bool veto_this_week = week >= 1 && run.state(week).vetoes_total > run.state(week - 1).vetoes_total;
  std::string off_map;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorSpec& actor = scenario.actors[i];
    const Place* place = capital_place(actor.id);
    if (place == nullptr) {
      off_map.append(off_map.empty() ? "" : ", ").append(actor.name);
      continue;
    }
    const ImVec2 p = at(place->at);
    std::vector<std::pair<std::string, ImU32>> labels;
    if (week >= 1) {
      const std::string text = marker_text(run, week, i);
      if (!text.empty()) labels.push_back({text, marker_color(run.action_spec(week, i).kind)});
    }
    if (veto_this_week && actor.id == "brussels")
      labels.push_back({"VETO by an EU member", IM_COL32(255, 120, 60, 255)});
    draw->AddCircleFilled(p, 5.0f, IM_COL32(250, 250, 250, 255));
    draw->AddCircle(p, 7.0f, labels.empty() ? IM_COL32(120, 120, 130, 255) : labels.front().second, 0, 2.0f);
    const ImVec2 dir = label_direction(actor.id);
    const ImVec2 name_size = ImGui::CalcTextSize(actor.name.c_str());
    float x = dir.x > 0 ? p.x + 9 : p.x - 9 - name_size.x;
    float y = dir.y > 0 ? p.y + 4 : p.y - 4 - line * (1 + labels.size());
    draw->AddText(ImVec2(x, y), IM_COL32(255, 255, 255, 255), actor.name.c_str());
    for (const auto& [text, color] : labels) {
      y += line;
      const ImVec2 size = ImGui::CalcTextSize(text.c_str());
      const float tx = dir.x > 0 ? p.x + 9 : p.x - 9 - size.x;
      draw->AddRectFilled(ImVec2(tx - 2, y), ImVec2(tx + size.x + 2, y + line), IM_COL32(15, 18, 24, 220), 2.0f);
      draw->AddText(ImVec2(tx, y), color, text.c_str());
    }
    regions.point("capital_" + actor.id, p, IM_COL32(250, 250, 250, 255));
  }
  draw->PopClipRect();
  regions.rect("map", map_min, map_max);

  // Legend: the link states, and the flow scale.
  ImGui::SetCursorScreenPos(ImVec2(origin.x, map_max.y + 4));
  const LinkStatus statuses[] = {LinkStatus::normal, LinkStatus::inspected, LinkStatus::closed, LinkStatus::suspended};
  for (LinkStatus s : statuses) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw->AddRectFilled(ImVec2(p.x, p.y + line * 0.3f), ImVec2(p.x + 16, p.y + line * 0.7f), status_color(s));
    ImGui::Dummy(ImVec2(18, line));
    ImGui::SameLine();
    ImGui::TextUnformatted(link_status_name(s));
    ImGui::SameLine(0, 14);
  }
  ImGui::TextUnformatted("width: TEU/week");
  if (!off_map.empty()) {
    ImGui::SameLine(0, 14);
    ImGui::TextDisabled("not on the map: %s", off_map.c_str());
  }
  ImGui::End();
}

}  // namespace leverage::viewer::ui
