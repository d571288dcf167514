#include "viewer/data/geo.hpp"

#include <algorithm>
#include <cmath>

namespace leverage::viewer {

namespace {

constexpr double kCompressFromLon = 40.0;  // degrees east; longitudes beyond are compressed
constexpr double kCompression = 6.0;
const double kCosReference = std::cos(52.0 * 3.14159265358979323846 / 180.0);

// Nodes of the corridor (approximate coordinates of the places, degrees).
constexpr LonLat kXian{108.94, 34.34};   // departure of many China-Europe trains
constexpr LonLat kDostyk{82.48, 45.25};  // China-Kazakhstan border (Alashankou-Dostyk)
constexpr LonLat kAstana{71.45, 51.17};
constexpr LonLat kMoscow{37.62, 55.75};
constexpr LonLat kSmolensk{32.05, 54.78};
constexpr LonLat kMinsk{27.56, 53.90};
constexpr LonLat kBrest{23.70, 52.10};
constexpr LonLat kMalaszewicze{23.53, 52.05};
constexpr LonLat kWarsaw{21.01, 52.23};
constexpr LonLat kDuisburg{6.76, 51.43};  // western terminal of the corridor (EU)
constexpr LonLat kKena{25.65, 54.63};     // Belarus-Lithuania rail border
constexpr LonLat kKaunas{23.90, 54.90};
constexpr LonLat kPolotsk{28.80, 55.49};
constexpr LonLat kIndra{27.57, 55.87};  // Belarus-Latvia rail border
constexpr LonLat kRiga{24.11, 56.95};

}  // namespace

const std::vector<Place>& capital_places() {
  static const std::vector<Place> places = {
      {"minsk", "Minsk", kMinsk},
      {"warsaw", "Warsaw", kWarsaw},
      {"brussels", "Brussels", {4.35, 50.85}},
      {"beijing", "Beijing", {116.40, 39.90}},
      {"moscow", "Moscow", kMoscow},
  };
  return places;
}

const Place* capital_place(const std::string& actor_id) {
  for (const Place& p : capital_places())
    if (p.id == actor_id) return &p;
  return nullptr;
}

MapProjection::MapProjection(LonLat south_west, LonLat north_east) : south_west_(south_west), north_east_(north_east) {}

double MapProjection::x_of(double lon) const {
  const double west = std::min(lon, kCompressFromLon);
  const double east = std::max(lon - kCompressFromLon, 0.0) / kCompression;
  return (west + east) * kCosReference;
}

MapPoint MapProjection::project(const LonLat& at, const MapRect& into) const {
  const double x0 = x_of(south_west_.lon), x1 = x_of(north_east_.lon);
  const double extent_x = x1 - x0, extent_y = north_east_.lat - south_west_.lat;
  const double scale = std::min(into.width / extent_x, into.height / extent_y);
  // Centred in the rectangle; north up.
  const double left = into.x + (into.width - extent_x * scale) / 2;
  const double top = into.y + (into.height - extent_y * scale) / 2;
  return {left + (x_of(at.lon) - x0) * scale, top + (north_east_.lat - at.lat) * scale};
}

std::vector<CorridorLink> corridor_links(const Scenario& scenario) {
  std::vector<CorridorLink> links = {
      {"China - Kazakhstan", kXian, kDostyk, -1},    {"Kazakhstan", kDostyk, kAstana, -1},
      {"Kazakhstan - Russia", kAstana, kMoscow, -1}, {"Russia", kMoscow, kSmolensk, -1},
      {"Russia - Belarus", kSmolensk, kMinsk, -1},   {"Belarus", kMinsk, kBrest, -1},
  };
  for (std::size_t k = 0; k < scenario.transit.crossings.size(); ++k) {
    const int c = static_cast<int>(k);
    const std::string& id = scenario.transit.crossings[k].id;
    if (id == "malaszewicze") {
      links.push_back({"Brest - Malaszewicze", kBrest, kMalaszewicze, c});
      links.push_back({"Malaszewicze - Warsaw", kMalaszewicze, kWarsaw, c});
      links.push_back({"Warsaw - EU", kWarsaw, kDuisburg, c});
    } else if (id == "lithuania") {
      links.push_back({"Minsk - Kena (LT)", kMinsk, kKena, c});
      links.push_back({"Kena - Kaunas", kKena, kKaunas, c});
    } else if (id == "latvia") {
      links.push_back({"Polotsk - Indra (LV)", kPolotsk, kIndra, c});
      links.push_back({"Indra - Riga", kIndra, kRiga, c});
    } else {
      const double offset = 0.6 * static_cast<double>(k);
      links.push_back({id, kBrest, {kBrest.lon - 2.0, kBrest.lat - 0.8 - offset}, c});
    }
  }
  return links;
}

const char* link_status_name(LinkStatus status) {
  switch (status) {
    case LinkStatus::normal:
      return "normal";
    case LinkStatus::inspected:
      return "inspected";
    case LinkStatus::closed:
      return "closed";
    case LinkStatus::suspended:
      return "suspended";
  }
  return "normal";
}

LinkStatus link_status(const WorldState& state, int crossing) {
  if (crossing < 0) return LinkStatus::normal;
  const auto k = static_cast<std::size_t>(crossing);
  if (state.suspension) return LinkStatus::suspended;
  if (state.closed[k]) return LinkStatus::closed;
  if (state.inspection_hours[k] > 0) return LinkStatus::inspected;
  return LinkStatus::normal;
}

double link_teu(const WorldState& state, int crossing) {
  if (crossing < 0) return state.transit_teu + state.bilateral_teu;
  return state.crossing_teu[static_cast<std::size_t>(crossing)];
}

double link_width(double teu, double full_teu, double max_width) {
  constexpr double kMin = 3.0;
  if (!(teu > 0) || !(full_teu > 0)) return kMin;
  const double share = std::min(std::sqrt(teu / full_teu), 1.0);
  return kMin + (max_width - kMin) * share;
}

}  // namespace leverage::viewer
